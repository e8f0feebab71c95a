package io.vigil.normalize.cid;

import static io.vigil.normalize.TestSignals.reason;
import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;
import io.vigil.normalize.TestSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactIdDecoderTest {
    private static final String CID = ContentTypes.CONTACT_ID;

    /** Ademco Contact ID spec example: account 1234, new perimeter burglary (131), group 01, zone 015. */
    @Test
    void decodesTheAdemcoSpecificationExample() {
        CanonicalEvent event = single(CID, "1234 18 1131 01 015");

        assertThat(event.account()).isEqualTo("1234");
        assertThat(event.sourceFormat()).isEqualTo(SourceFormat.CID);
        assertThat(event.eventClass()).isEqualTo(EventClass.ALARM);
        assertThat(event.category()).isEqualTo(EventCategory.BURGLARY);
        assertThat(event.code()).isEqualTo("131");
        assertThat(event.codeKnown()).isTrue();
        assertThat(event.qualifier()).isEqualTo(Qualifier.EVENT);
        assertThat(event.area()).isEqualTo("01");
        assertThat(event.zone()).isEqualTo("015");
        assertThat(event.user()).isNull();
        assertThat(event.priority()).isEqualTo(2);
        assertThat(event.description()).isEqualTo("Perimeter burglary");
        assertThat(event.occurredAt()).as("Contact ID carries no time").isEqualTo(TestSignals.ISSUED_AT);
    }

    @Test
    void qualifierThreeRestoresTheCondition() {
        CanonicalEvent event = single(CID, "1234 18 3131 01 015");

        assertThat(event.eventClass()).isEqualTo(EventClass.RESTORE);
        assertThat(event.category()).isEqualTo(EventCategory.BURGLARY);
        assertThat(event.qualifier()).isEqualTo(Qualifier.RESTORE);
        assertThat(event.priority()).isEqualTo(4);
        assertThat(event.description()).isEqualTo("Perimeter burglary restore");
    }

    @Test
    void qualifierSixReportsAConditionStillPresent() {
        CanonicalEvent event = single(CID, "1234 18 6110 01 003");

        assertThat(event.eventClass()).isEqualTo(EventClass.STATUS);
        assertThat(event.category()).isEqualTo(EventCategory.FIRE);
        assertThat(event.qualifier()).isEqualTo(Qualifier.STATUS);
        assertThat(event.priority()).isEqualTo(1);
    }

    /** Contact ID: for 4xx open/close codes qualifier 1 is an opening (disarm) and 3 a closing (arm); CCC is the user. */
    @ParameterizedTest
    @CsvSource({"1401 01 007, OPEN, EVENT", "3401 01 007, CLOSE, RESTORE"})
    void openCloseCodesFollowTheQualifier(String event, EventClass expectedClass, Qualifier expectedQualifier) {
        CanonicalEvent decoded = single(CID, "1234 18 " + event);

        assertThat(decoded.eventClass()).isEqualTo(expectedClass);
        assertThat(decoded.qualifier()).isEqualTo(expectedQualifier);
        assertThat(decoded.category()).isEqualTo(EventCategory.ARMING);
        assertThat(decoded.user()).isEqualTo("007");
        assertThat(decoded.zone()).isNull();
    }

    @Test
    void unbypassIsABypassEventNotARestoreOfTheAlarm() {
        CanonicalEvent event = single(CID, "1234 18 3570 01 004");

        assertThat(event.eventClass()).isEqualTo(EventClass.BYPASS);
        assertThat(event.qualifier()).isEqualTo(Qualifier.RESTORE);
    }

    @Test
    void duressCarriesTheUserNumber() {
        CanonicalEvent event = single(CID, "1234 18 1121 01 012");

        assertThat(event.category()).isEqualTo(EventCategory.DURESS);
        assertThat(event.priority()).isEqualTo(1);
        assertThat(event.user()).isEqualTo("012");
    }

    @Test
    void unknownCodesAreKeptWithTheClassOfTheirRange() {
        CanonicalEvent alarm = single(CID, "1234 18 1199 01 001");
        CanonicalEvent trouble = single(CID, "1234 18 1399 01 001");

        assertThat(alarm.codeKnown()).isFalse();
        assertThat(alarm.code()).isEqualTo("199");
        assertThat(alarm.category()).isEqualTo(EventCategory.UNKNOWN);
        assertThat(alarm.eventClass()).isEqualTo(EventClass.ALARM);
        assertThat(alarm.priority()).isEqualTo(2);
        assertThat(trouble.eventClass()).isEqualTo(EventClass.TROUBLE);
    }

    @Test
    void acceptsTheDc09AdmCidDataForm() {
        CanonicalEvent event = single(CID, "#1234|1131 01 015");

        assertThat(event.account()).isEqualTo("1234");
        assertThat(event.code()).isEqualTo("131");
        assertThat(event.zone()).isEqualTo("015");
    }

    @Test
    void acceptsTheCompactFormWithAndWithoutCheckDigit() {
        assertThat(single(CID, "123418160201015").code()).isEqualTo("602");
        assertThat(single(CID, "1234181602010150").eventClass()).isEqualTo(EventClass.TEST);
        CanonicalEvent mismatched = single(CID, "1234181602010151");
        assertThat(mismatched.code()).as("a wrong check digit does not lose the report").isEqualTo("602");
        assertThat(mismatched.flags()).containsExactly("cid.checksum_mismatch");
        assertThat(single(CID, "1234181602010150").flags()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1234 18 9131 01 015; cid.bad_qualifier",
        "1234 17 1131 01 015; cid.bad_message_type",
        "1234 18 1131 01; cid.bad_format",
        "1234 18 1131 1 015; cid.bad_format",
        "1234 18 11X1 01 015; cid.bad_format",
        "12-4 18 1131 01 015; cid.bad_format",
        "#1234 1131 01 015; cid.bad_format",
        "#|1131 01 015; cid.bad_format",
        "hello; cid.bad_format",
        "'' ; cid.bad_format"
    })
    void malformedReportsAreUndecodable(String body, String expectedReason) {
        assertThat(reason(CID, body)).isEqualTo(expectedReason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "110", "120", "121", "122", "130", "137", "151", "162", "301", "302", "344",
        "401", "406", "421", "570", "601", "602", "627"})
    void theTableHoldsThePublishedCodes(String code) {
        assertThat(ContactIdCodes.lookup(code)).as("code %s", code).isNotNull();
    }

    @Test
    void lifeSafetyCodesHaveTheHighestPriority() {
        for (String code : new String[] {"100", "110", "111", "120", "121", "162"}) {
            assertThat(ContactIdCodes.lookup(code).priority()).as("code %s", code).isEqualTo(1);
        }
        assertThat(ContactIdCodes.size()).isGreaterThan(250);
    }
}
