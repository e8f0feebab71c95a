package io.vigil.normalize.dc09;

import static io.vigil.normalize.TestSignals.reason;
import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.Decoded;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.NormalizeResult;
import io.vigil.normalize.TestSignals;
import io.vigil.normalize.Undecodable;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The DC-09 forms named in docs/events.md beyond the standard's own: each accepted, each still checked. */
class Dc09FormsTest {
    private static final String DC09 = ContentTypes.DC09;

    /** A frame with its CRC as two raw bytes, most significant first. */
    static byte[] binaryCrcFrame(String message) {
        int crc = Crc16Arc.of(message);
        String frame = "" + (char) (crc >> 8) + (char) (crc & 0xFF) + String.format(Locale.ROOT, "0%03X", message.length())
                + message;
        return frame.getBytes(StandardCharsets.ISO_8859_1);
    }

    static NormalizeResult decode(byte[] body) {
        return TestSignals.normalizer().normalize(TestSignals.ctx(), DC09, body);
    }

    static CanonicalEvent singleEvent(byte[] body) {
        NormalizeResult result = decode(body);
        assertThat(result).isInstanceOf(Decoded.class);
        assertThat(((Decoded) result).events()).hasSize(1);
        return ((Decoded) result).events().get(0);
    }

    @Test
    void binaryCrcIsReadAndChecked() {
        String message = "\"ADM-CID\"0002R1L1#9413[#9413|1602 99 999]_23:05:30,08-30-2023";
        CanonicalEvent event = singleEvent(binaryCrcFrame(message));
        assertThat(event.code()).isEqualTo("602");
        assertThat(event.decoding()).containsEntry("dc09.crc_form", "binary");

        byte[] wrong = binaryCrcFrame(message);
        wrong[1] ^= 0x01;
        assertThat(decode(wrong)).isInstanceOfSatisfying(Undecodable.class,
                u -> assertThat(u.reasonCode()).isEqualTo("dc09.crc_mismatch"));
    }

    @Test
    void aBinaryCrcStartingWithTheLfByteIsNotTakenForFraming() {
        String message = null;
        for (int seq = 0; seq < 10_000; seq++) {
            String candidate = String.format(Locale.ROOT, "\"NULL\"%04dL0#1234[]", seq);
            if (Crc16Arc.of(candidate) >> 8 == '\n') {
                message = candidate;
                break;
            }
        }
        assertThat(message).as("some sequence number gives a CRC whose first byte is LF").isNotNull();
        byte[] bare = binaryCrcFrame(message);
        assertThat(singleEvent(bare).eventClass()).isEqualTo(EventClass.HEARTBEAT);
        byte[] framed = new byte[bare.length + 2];
        framed[0] = '\n';
        System.arraycopy(bare, 0, framed, 1, bare.length);
        framed[framed.length - 1] = '\r';
        assertThat(singleEvent(framed).eventClass()).isEqualTo(EventClass.HEARTBEAT);
    }

    @Test
    void lowerCaseHexCrcIsAcceptedAndNamed() {
        String frame = null;
        for (int seq = 0; frame == null; seq++) {
            String candidate = Dc09DecoderTest.frame(String.format(Locale.ROOT, "\"NULL\"%04dL0#1234[]", seq));
            if (candidate.substring(0, 4).chars().anyMatch(Character::isLetter)) {
                frame = candidate.substring(0, 4).toLowerCase(Locale.ROOT) + candidate.substring(4);
            }
        }
        assertThat(single(DC09, frame).decoding()).containsEntry("dc09.crc_form", "hex-lowercase");
    }

    @Test
    void emptyAndAbsentLinePrefixesAreNamed() {
        CanonicalEvent empty = single(DC09, Dc09DecoderTest.frame("\"SIA-DCS\"0001L#7303658550[#7303658550|NBA4]"));
        assertThat(empty.dc09().prefix()).isEmpty();
        assertThat(empty.decoding()).containsEntry("dc09.prefix_form", "empty");
        CanonicalEvent absent = single(DC09, Dc09DecoderTest.frame("\"SIA-DCS\"0002#0123[#0123|Nti20:50:26RP99]"));
        assertThat(absent.dc09().prefix()).isNull();
        assertThat(absent.decoding()).containsEntry("dc09.prefix_form", "absent");
    }

    @Test
    void accountsDifferingOnlyInLeadingZerosAreFlaggedAndKeepTheHeaderAccount() {
        CanonicalEvent event = single(DC09, Dc09DecoderTest.frame("\"ADM-CID\"0078R1L0#AAAA[#00AAAA|3407 01 001]"));
        assertThat(event.account()).isEqualTo("AAAA");
        assertThat(event.flags()).containsExactly("dc09.account_padding");
        assertThat(reason(DC09, Dc09DecoderTest.frame("\"SIA-DCS\"0097L0#ABCD[#0000|Npi0/AT]")))
                .as("accounts that differ otherwise").isEqualTo("dc09.account_mismatch");
        assertThat(reason(DC09, Dc09DecoderTest.frame("\"ADM-CID\"0078R1L0#AAAA[#10AAAA|3407 01 001]")))
                .isEqualTo("dc09.account_mismatch");
    }

    @Test
    void trailingNulAfterTheFrameIsFraming() {
        String frame = "\n" + Dc09DecoderTest.frame("\"NULL\"0001L#7303658550[]_15:39:38,06-07-2019") + "\r\0";
        assertThat(single(DC09, frame).account()).isEqualTo("7303658550");
    }

    @Test
    void osborneHoffmanHeartbeatIsAHeartbeatOfItsAccount() {
        CanonicalEvent event = single(DC09, "SR0001L0001    006969XX    [ID00000000]");
        assertThat(event.eventClass()).isEqualTo(EventClass.HEARTBEAT);
        assertThat(event.account()).isEqualTo("006969XX");
        assertThat(event.decoding()).containsEntry("dc09.form", "oh-heartbeat");
        assertThat(single(DC09, "SR0001L0001 072538XX ").account()).isEqualTo("072538XX");
        assertThat(single(DC09, "SR0001L0001\u0000\u0000072538XX\u0000[ID1]").account()).isEqualTo("072538XX");
        assertThat(reason(DC09, "SR0001L0001    006969XX    [ID00000000]x")).isEqualTo("dc09.bad_frame");
        assertThat(reason(DC09, "SR0001L0001006969XX")).as("no separator").isEqualTo("dc09.bad_frame");
        assertThat(reason(DC09, "SR00A1L0001 006969XX")).isEqualTo("dc09.bad_frame");
    }

    @Test
    void aStandardFrameNamesItsForms() {
        CanonicalEvent event = single(DC09, Dc09DecoderTest.SIA_DCS_EXAMPLE);
        assertThat(event.decoding()).containsEntry("dc09.form", "frame").containsEntry("dc09.crc_form", "hex")
                .containsEntry("dc09.prefix_form", "hex").containsEntry("sia.form", "standard");
        assertThat(event.flags()).isNull();
    }

    @Test
    void theRawFrameKeepsTheEncryptedDataPartForADecryptionStep() {
        Dc09RawFrame raw = Dc09FrameParser.read(Dc09DecoderTest.frame("\"*SIA-DCS\"5994L0#AAA[5AB718E008C616BF"));
        assertThat(raw.header().encrypted()).isTrue();
        assertThat(raw.header().protocol()).isEqualTo("SIA-DCS");
        assertThat(raw.dataPart()).isEqualTo("[5AB718E008C616BF");
        assertThat(Dc09DataPartParser.parse("[#AAA|NRP][MAB12]_14:12:04,09-25-2019").extended()).containsEntry("M", "AB12");
    }
}
