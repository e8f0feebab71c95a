package io.vigil.normalize.dc09;

import static io.vigil.normalize.TestSignals.events;
import static io.vigil.normalize.TestSignals.reason;
import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.SourceFormat;
import io.vigil.normalize.TestSignals;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Dc09DecoderTest {
    private static final String DC09 = ContentTypes.DC09;

    /** SIA DC-09 example frame (receiver 579BDF, line prefix 789ABC, account 12345A): SIA-DCS fire alarm, zone 129. */
    static final String SIA_DCS_EXAMPLE = "\nCE110032\"SIA-DCS\"9876R579BDFL789ABC#12345A[#12345A|NFA129]\r";
    /** SIA DC-09 example frame: the same fire alarm as ADM-CID (Contact ID 110, group 00, zone 129). */
    static final String ADM_CID_EXAMPLE = "\n87CD0037\"ADM-CID\"9876R579BDFL789ABC#12345A[#12345A|1110 00 129]\r";

    /** Wraps a message (from the first quote on) in its CRC and length fields, as a DC-09 transmitter does. */
    static String frame(String message) {
        return String.format(Locale.ROOT, "%04X0%03X", Crc16Arc.of(message), message.length()) + message;
    }

    @Test
    void crcIsCrc16Arc() {
        assertThat(Crc16Arc.of("123456789")).as("CRC-16/ARC catalogue check value").isEqualTo(0xBB3D);
    }

    @Test
    void decodesTheSiaDcsExampleFrame() {
        CanonicalEvent event = single(DC09, SIA_DCS_EXAMPLE);

        assertThat(event.sourceFormat()).isEqualTo(SourceFormat.DC09);
        assertThat(event.category()).isEqualTo(EventCategory.FIRE);
        assertThat(event.eventClass()).isEqualTo(EventClass.ALARM);
        assertThat(event.code()).isEqualTo("FA");
        assertThat(event.zone()).isEqualTo("129");
        assertThat(event.account()).isEqualTo("12345A");
        assertThat(event.dc09()).isEqualTo(new CanonicalEvent.Dc09Data("SIA-DCS", "9876", "579BDF", "789ABC", null));
        assertThat(event.occurredAt()).as("no timestamp in the frame").isEqualTo(TestSignals.ISSUED_AT);
    }

    @Test
    void decodesTheAdmCidExampleFrame() {
        CanonicalEvent event = single(DC09, ADM_CID_EXAMPLE);

        assertThat(event.code()).isEqualTo("110");
        assertThat(event.category()).isEqualTo(EventCategory.FIRE);
        assertThat(event.area()).isEqualTo("00");
        assertThat(event.zone()).isEqualTo("129");
        assertThat(event.dc09().protocol()).isEqualTo("ADM-CID");
    }

    @Test
    void framingCharactersAreOptional() {
        assertThat(single(DC09, SIA_DCS_EXAMPLE.strip()).code()).isEqualTo("FA");
    }

    @Test
    void nullFrameIsAHeartbeat() {
        CanonicalEvent event = single(DC09, frame("\"NULL\"0000R0L0#12345A[]"));

        assertThat(event.eventClass()).isEqualTo(EventClass.HEARTBEAT);
        assertThat(event.category()).isEqualTo(EventCategory.SUPERVISION);
        assertThat(event.account()).isEqualTo("12345A");
        assertThat(event.dc09().protocol()).isEqualTo("NULL");
    }

    @Test
    void timestampBecomesOccurredAt() {
        CanonicalEvent event = single(DC09, frame("\"SIA-DCS\"0002L0#1234[#1234|Nri1/BA01]_14:12:04,09-25-2024"));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-09-25T14:12:04Z"));
        assertThat(event.receivedAt()).isEqualTo(TestSignals.RECEIVED_AT);
        assertThat(event.dc09().receiver()).isNull();
        assertThat(event.dc09().prefix()).isEqualTo("0");
    }

    @Test
    void everyCodeOfTheDataBlockIsAnEvent() {
        List<CanonicalEvent> events = events(DC09, frame("\"SIA-DCS\"0003R1L1#AAA[#AAA|Nri1/BA01/TA02/BR01]"));

        assertThat(events).extracting(CanonicalEvent::code).containsExactly("BA", "TA", "BR");
        assertThat(events).extracting(e -> e.dc09().sequence()).containsOnly("0003");
    }

    @Test
    void headerAccountFillsADataBlockWithoutOne() {
        assertThat(single(DC09, frame("\"SIA-DCS\"0004L0#5678[|NBA01]")).account()).isEqualTo("5678");
    }

    @Test
    void extendedDataIsKeptByType() {
        CanonicalEvent event = single(DC09, frame("\"SIA-DCS\"6002L0#AAA[|Nri1/CL501][M0026B9E4268B]_14:12:04,09-25-2019"));

        assertThat(event.dc09().extended()).isEqualTo(Map.of("M", "0026B9E4268B"));
        assertThat(event.user()).isEqualTo("501");
    }

    @Test
    void crcMismatchIsRefused() {
        String corrupted = SIA_DCS_EXAMPLE.replace("NFA129", "NFA128");
        assertThat(reason(DC09, corrupted)).isEqualTo("dc09.crc_mismatch");
    }

    @Test
    void aWrongLengthUnderAMatchingCrcIsAFlagNotALoss() {
        CanonicalEvent event = single(DC09, SIA_DCS_EXAMPLE.replace("0032", "0031"));
        assertThat(event.code()).isEqualTo("FA");
        assertThat(event.flags()).containsExactly("dc09.length_mismatch");
        assertThat(single(DC09, SIA_DCS_EXAMPLE).flags()).as("a matching length raises no flag").isNull();
        assertThat(reason(DC09, SIA_DCS_EXAMPLE.replace("NFA129", "NFA1290"))).as("a longer message fails the CRC")
                .isEqualTo("dc09.crc_mismatch");
        assertThat(reason(DC09, SIA_DCS_EXAMPLE.replace("CE110032", "CE11X032"))).isEqualTo("dc09.bad_length");
    }

    @Test
    void encryptedFramesAreRefusedWithAClearReason() {
        String encrypted = frame("\"*SIA-DCS\"5994L0#AAA[5AB718E008C616BF16F6468033A11326B0F7546CAB230910BCA10E4DEBA42283]");
        assertThat(reason(DC09, encrypted)).isEqualTo("dc09.encrypted");
    }

    @Test
    void unsupportedProtocolsAreRefused() {
        assertThat(reason(DC09, frame("\"ACK\"0001L0#1234[]"))).isEqualTo("dc09.unsupported_protocol");
    }

    @Test
    void badTimestampsAreRefused() {
        assertThat(reason(DC09, frame("\"NULL\"0000L0#1234[]_14:12:04,13-25-2024"))).isEqualTo("dc09.bad_timestamp");
        assertThat(reason(DC09, frame("\"NULL\"0000L0#1234[]_24:00:00,01-01-2024"))).isEqualTo("dc09.bad_timestamp");
        assertThat(reason(DC09, frame("\"NULL\"0000L0#1234[]_14:12,09-25-2024"))).isEqualTo("dc09.bad_timestamp");
    }

    @Test
    void accountsMustAgree() {
        assertThat(reason(DC09, frame("\"SIA-DCS\"0001L0#1234[#9999|NBA01]"))).isEqualTo("dc09.account_mismatch");
    }

    @Test
    void headerErrorsAreRefused() {
        assertThat(reason(DC09, frame("\"NULL\"00A0L0#1234[]"))).isEqualTo("dc09.bad_header");
        assertThat(reason(DC09, frame("\"NULL\"0000R0X1234[]"))).isEqualTo("dc09.bad_header");
        assertThat(reason(DC09, frame("\"NULL\"0000R#1234[]"))).as("an empty receiver").isEqualTo("dc09.bad_header");
        assertThat(reason(DC09, frame("\"NULL\"0000L0#1234"))).isEqualTo("dc09.bad_header");
        assertThat(reason(DC09, frame("\"NULL\"0000L0#1234[]x"))).isEqualTo("dc09.bad_frame");
        assertThat(reason(DC09, frame("\"NULL\"0000L0#1234[]["))).isEqualTo("dc09.bad_frame");
        assertThat(reason(DC09, "short")).isEqualTo("dc09.bad_frame");
    }

    @Test
    void dataErrorsKeepTheirFormatsReason() {
        assertThat(reason(DC09, frame("\"ADM-CID\"0001L0#1234[#1234|9131 01 015]"))).isEqualTo("cid.bad_qualifier");
        assertThat(reason(DC09, frame("\"SIA-DCS\"0001L0#1234[#1234|N]"))).isEqualTo("sia.no_event");
    }
}
