package io.vigil.normalize.cid;

import static io.vigil.normalize.TestSignals.reason;
import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.Qualifier;
import org.junit.jupiter.api.Test;

/** The Contact ID text forms of docs/events.md, their checksums and the flags a mismatch raises. */
class ContactIdFormsTest {
    private static final String CID = ContentTypes.CONTACT_ID;

    @Test
    void dtmfStringsWriteZeroAsA() {
        CanonicalEvent event = single(CID, "1234181602A1A15A");
        assertThat(event.code()).isEqualTo("602");
        assertThat(event.area()).isEqualTo("01");
        assertThat(event.zone()).isEqualTo("015");
        assertThat(event.decoding()).containsEntry("cid.form", "dtmf16").containsEntry("cid.checksum", "dc05");
        assertThat(event.flags()).isNull();
    }

    @Test
    void asteriskSymbolsAreReadAsTheHexDigitsTheyStandFor() {
        // zone 0B1, B written as '*' by Asterisk's AlarmReceiver; check digit 2
        CanonicalEvent event = single(CID, "1234181131010*12");
        assertThat(event.decoding()).containsEntry("cid.form", "dtmf16-asterisk");
        assertThat(event.zone()).isEqualTo("0B1");
        assertThat(event.flags()).isNull();
    }

    @Test
    void onlyTheCheckDigitDecidesWhichNotationAnABelongsTo() {
        // zone 0D7 as Asterisk writes it (D is 'A'); read as hex values the A would be a 0 and the check fails
        CanonicalEvent asterisk = single(CID, "1234181131010A79");
        assertThat(asterisk.zone()).isEqualTo("0D7");
        assertThat(asterisk.decoding()).containsEntry("cid.form", "dtmf16-asterisk");
        assertThat(asterisk.flags()).isNull();
    }

    @Test
    void aWrongCheckDigitIsAFlagOnTheEvent() {
        CanonicalEvent event = single(CID, "1234181140010221");
        assertThat(event.code()).isEqualTo("140");
        assertThat(event.zone()).isEqualTo("022");
        assertThat(event.flags()).containsExactly("cid.checksum_mismatch");
    }

    @Test
    void spacedFormMayCarryTheCheckDigit() {
        assertThat(single(CID, "1234 18 1602 01 015 0").flags()).isNull();
        assertThat(single(CID, "1234 18 1602 01 015 1").flags()).containsExactly("cid.checksum_mismatch");
        assertThat(single(CID, "1234 18 1602 01 015").decoding()).containsEntry("cid.form", "spaced")
                .doesNotContainKey("cid.checksum");
        assertThat(reason(CID, "1234 18 1602 01 015 12")).isEqualTo("cid.bad_format");
    }

    @Test
    void bracketedFormChecksItsFletcherChecksum() {
        CanonicalEvent good = single(CID, "[CID2 181401010012843]");
        assertThat(good.account()).isEqualTo("CID2");
        assertThat(good.code()).isEqualTo("401");
        assertThat(good.user()).isEqualTo("001");
        assertThat(good.decoding()).containsEntry("cid.form", "bracketed").containsEntry("cid.checksum", "fletcher");
        assertThat(good.flags()).isNull();
        assertThat(single(CID, "[CID2 181401010012844]").flags()).containsExactly("cid.checksum_mismatch");
        assertThat(single(CID, "[test 18160201010B]").flags()).containsExactly("cid.checksum_unverified");
        assertThat(single(CID, "[1234 18160201015A]").flags()).as("DC-05 digit verified").isNull();
        assertThat(reason(CID, "[CID2 1814010100128]")).isEqualTo("cid.bad_format");
        assertThat(reason(CID, "[CID2181401010012843]")).isEqualTo("cid.bad_format");
        assertThat(reason(CID, "[CID2 171401010012843]")).isEqualTo("cid.bad_message_type");
    }

    @Test
    void admCidDataWithoutHashOrSpacesIsNamed() {
        CanonicalEvent bare = single(CID, "10064|1602 00 000");
        assertThat(bare.account()).isEqualTo("10064");
        assertThat(bare.decoding()).containsEntry("cid.form", "adm-cid-bare-account");
        assertThat(single(CID, "10064|160200000").decoding()).containsEntry("cid.form", "adm-cid-bare-account-compact");
        assertThat(single(CID, "#10064|1602  00   000").decoding()).containsEntry("cid.form", "adm-cid");
        CanonicalEvent restore = single(CID, "#4F39|3401 01 057");
        assertThat(restore.qualifier()).isEqualTo(Qualifier.RESTORE);
        assertThat(reason(CID, "10-64|1602 00 000")).isEqualTo("cid.bad_format");
    }
}
