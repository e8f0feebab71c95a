package io.vigil.normalize.sia;

import static io.vigil.normalize.TestSignals.events;
import static io.vigil.normalize.TestSignals.reason;
import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiaDcsDecoderTest {
    private static final String SIA = ContentTypes.SIA_DCS;

    @Test
    void eachCodeInABlockIsOneEventInOrder() {
        List<CanonicalEvent> events = events(SIA, "#1234|Nri1/BA01/BR01");

        assertThat(events).extracting(CanonicalEvent::code).containsExactly("BA", "BR");
        assertThat(events).extracting(CanonicalEvent::eventClass).containsExactly(EventClass.ALARM, EventClass.RESTORE);
        assertThat(events).extracting(CanonicalEvent::category).containsOnly(EventCategory.BURGLARY);
        assertThat(events).extracting(CanonicalEvent::zone).containsOnly("01");
        assertThat(events).extracting(CanonicalEvent::area).containsOnly("1");
        assertThat(events).extracting(CanonicalEvent::account).containsOnly("1234");
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(1).eventId());
    }

    @Test
    void blockWithoutModifiers() {
        CanonicalEvent event = single(SIA, "#1234|NBA01");

        assertThat(event.sourceFormat()).isEqualTo(SourceFormat.SIA);
        assertThat(event.code()).isEqualTo("BA");
        assertThat(event.zone()).isEqualTo("01");
        assertThat(event.area()).isNull();
        assertThat(event.priority()).isEqualTo(2);
        assertThat(event.qualifier()).isEqualTo(Qualifier.EVENT);
    }

    /** The data block of the SIA DC-09 SIA-DCS example frame: fire alarm on zone 129. */
    @Test
    void decodesTheDc09ExampleDataBlock() {
        CanonicalEvent event = single(SIA, "#12345A|NFA129");

        assertThat(event.category()).isEqualTo(EventCategory.FIRE);
        assertThat(event.eventClass()).isEqualTo(EventClass.ALARM);
        assertThat(event.priority()).isEqualTo(1);
        assertThat(event.zone()).isEqualTo("129");
    }

    @ParameterizedTest
    @CsvSource({"FR, FIRE", "PR, PANIC", "HR, HOLDUP", "MR, MEDICAL", "TR, TAMPER", "WR, WATER", "AR, AC_LOSS",
        "YR, LOW_BATTERY", "BH, BURGLARY", "FJ, FIRE"})
    void restoreCodesAreRestoresOfTheirCategory(String code, EventCategory category) {
        CanonicalEvent event = single(SIA, "#1234|N" + code + "01");

        assertThat(event.eventClass()).isEqualTo(EventClass.RESTORE);
        assertThat(event.qualifier()).isEqualTo(Qualifier.RESTORE);
        assertThat(event.category()).isEqualTo(category);
    }

    @Test
    void openingAndClosingCarryTheUser() {
        List<CanonicalEvent> events = events(SIA, "#1234|Nri2/OP501/CL502");

        assertThat(events).extracting(CanonicalEvent::eventClass).containsExactly(EventClass.OPEN, EventClass.CLOSE);
        assertThat(events).extracting(CanonicalEvent::user).containsExactly("501", "502");
        assertThat(events).extracting(CanonicalEvent::zone).containsOnlyNulls();
    }

    @Test
    void unbypassIsABypassWithRestoreQualifier() {
        CanonicalEvent event = single(SIA, "#1234|NBU05");

        assertThat(event.eventClass()).isEqualTo(EventClass.BYPASS);
        assertThat(event.qualifier()).isEqualTo(Qualifier.RESTORE);
    }

    @Test
    void modifiersApplyToTheCodesAfterThem() {
        List<CanonicalEvent> events = events(SIA, "#1234|Nri1/BA01/ri2id7/BA02");

        assertThat(events).extracting(CanonicalEvent::area).containsExactly("1", "2");
        assertThat(events).extracting(CanonicalEvent::user).containsExactly(null, "7");
    }

    @Test
    void textBetweenCaretsIsKeptOnTheEventBeforeIt() {
        CanonicalEvent event = single(SIA, "#123456|Nri1CL0^FRONT DOOR ^");

        assertThat(event.code()).isEqualTo("CL");
        assertThat(event.text()).isEqualTo("FRONT DOOR");
    }

    @Test
    void oldEventsAreMarkedInTheDescription() {
        assertThat(single(SIA, "#1234|OBA01").description()).isEqualTo("Burglary alarm (old event)");
    }

    @Test
    void unknownCodesAreKept() {
        CanonicalEvent event = single(SIA, "#1234|NZX12");

        assertThat(event.codeKnown()).isFalse();
        assertThat(event.code()).isEqualTo("ZX");
        assertThat(event.category()).isEqualTo(EventCategory.UNKNOWN);
        assertThat(event.zone()).isEqualTo("12");
    }

    @Test
    void tooManyCodesAreRefused() {
        assertThat(reason(SIA, "#1234|N" + "BA1/".repeat(SiaBlockParser.MAX_EVENTS + 1))).isEqualTo("sia.too_many_events");
        assertThat(events(SIA, "#1234|N" + "BA1/".repeat(SiaBlockParser.MAX_EVENTS))).hasSize(SiaBlockParser.MAX_EVENTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "#1234|Nri1/BA01|XBA02; sia.bad_block",
        "#1234|; sia.bad_block",
        "#1234Nri1/BA01; sia.bad_block",
        "#1234|Nri1/BA01^unclosed; sia.bad_block",
        "#1234|NBA01 BA02; sia.bad_block",
        "#1234|NBA123456789; sia.bad_block",
        "#12-4|NBA01; sia.bad_block",
        "#1234|Nri1; sia.no_event",
        "#1234|N; sia.no_event",
        "''; sia.bad_block"
    })
    void malformedBlocksAreUndecodable(String body, String expectedReason) {
        assertThat(reason(SIA, body)).isEqualTo(expectedReason);
    }

    @Test
    void theTableFollowsTheDocumentedPriorityRules() {
        for (String code : SiaCodes.codes()) {
            SiaCode entry = SiaCodes.lookup(code);
            if (entry.eventClass() == EventClass.RESTORE) {
                assertThat(entry.priority()).as("restore %s", code).isEqualTo(4);
                assertThat(entry.qualifier()).as("restore %s", code).isEqualTo(Qualifier.RESTORE);
            }
        }
        for (String code : new String[] {"FA", "PA", "HA", "MA", "GA", "KA", "QA", "SA"}) {
            assertThat(SiaCodes.lookup(code).priority()).as("life safety %s", code).isEqualTo(1);
        }
    }

    @Test
    void theTableHoldsThePublishedCodes() {
        for (String code : new String[] {"BA", "BR", "FA", "FR", "PA", "HA", "MA", "TA", "OP", "CL", "RP", "AT", "AR", "YT"}) {
            assertThat(SiaCodes.lookup(code)).as("code %s", code).isNotNull();
        }
        assertThat(SiaCodes.size()).isGreaterThan(250);
    }
}
