package io.vigil.dc09;

import static io.vigil.dc09.Dc09TestFrames.badCrc;
import static io.vigil.dc09.Dc09TestFrames.body;
import static io.vigil.dc09.Dc09TestFrames.frame;
import static io.vigil.dc09.Dc09TestFrames.framed;
import static io.vigil.dc09.Dc09TestFrames.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.QuarantineRecord;
import io.vigil.ingest.SignalHeaders;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.testing.MutableClock;
import io.vigil.trust.RejectBurstDetector;
import io.vigil.trust.TrustConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dc09ReceiverTest {

    private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private static final byte[] KEY = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final InMemoryDc09Accounts accounts = new InMemoryDc09Accounts().plain("1234", "site-a")
            .encryptedOnly("5678", "site-b", new Dc09Account.Dc09Key("k1", KEY));
    private final Dc09Config config = Dc09Config.from(io.vigil.config.VigilProperties.of(java.util.Map.of()));
    private final Dc09Receiver receiver = new Dc09Receiver(accounts,
            new RejectBurstDetector(new TrustConfig.RejectBurst(3, Duration.ofSeconds(60))), config, clock);

    @Test
    void aKnownPlainFrameIsStoredAndAckedWithItsSequenceReceiverLineAndAccount() {
        Dc09Outcome outcome = receiver.judge(frame("SIA-DCS", 42, "1234", "#1234|NBA01", NOW), "tcp", "10.0.0.1");

        Dc09Outcome.Store store = (Dc09Outcome.Store) outcome;
        assertThat(store.accepted()).isTrue();
        assertThat(store.key()).isEqualTo("site-a");
        assertThat(store.headers()).containsEntry(SignalHeaders.SITE, "site-a")
                .containsEntry(SignalHeaders.CONTENT_TYPE, "application/vnd.vigil.dc09")
                .containsEntry(SignalHeaders.ENCODING, "raw")
                .containsEntry(SignalHeaders.SEQ, "42")
                .containsEntry(SignalHeaders.ASSURANCE, "transport")
                .containsEntry(SignalHeaders.MESSAGE_ID, "dc09:1234:0042:" + NOW.getEpochSecond());
        assertThat(text(store.answer())).isEqualTo(text(framed("\"ACK\"0042R1L1#1234[]")));
    }

    @Test
    void aRetransmissionKeepsItsMessageId() {
        byte[] sent = frame("SIA-DCS", 7, "1234", "#1234|NBA01", NOW);
        String first = ((Dc09Outcome.Store) receiver.judge(sent, "tcp", "10.0.0.1")).headers().get(SignalHeaders.MESSAGE_ID);
        clock.advance(Duration.ofSeconds(15));
        String again = ((Dc09Outcome.Store) receiver.judge(sent, "udp", "10.0.0.2")).headers().get(SignalHeaders.MESSAGE_ID);
        String other = ((Dc09Outcome.Store) receiver.judge(frame("SIA-DCS", 8, "1234", "#1234|NBA01", NOW), "tcp",
                "10.0.0.1")).headers().get(SignalHeaders.MESSAGE_ID);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aPlainFrameWithoutTimestampGetsAnIdFromItsText() {
        byte[] sent = frame("NULL", 1, "1234", "", null);
        Dc09Outcome.Store store = (Dc09Outcome.Store) receiver.judge(sent, "tcp", "10.0.0.1");
        Dc09Outcome.Store again = (Dc09Outcome.Store) receiver.judge(sent, "tcp", "10.0.0.1");

        assertThat(store.headers().get(SignalHeaders.MESSAGE_ID)).startsWith("dc09:1234:0001:h")
                .isEqualTo(again.headers().get(SignalHeaders.MESSAGE_ID));
    }

    @Test
    void aFrameOutsideTheTimeWindowGetsANakWithTheReceiversTimeAndIsNotStored() {
        Dc09Outcome old = receiver.judge(frame("SIA-DCS", 1, "1234", "#1234|NBA01", NOW.minusSeconds(41)), "tcp", "a");
        Dc09Outcome ahead = receiver.judge(frame("SIA-DCS", 2, "1234", "#1234|NBA01", NOW.plusSeconds(21)), "tcp", "a");
        Dc09Outcome edge = receiver.judge(frame("SIA-DCS", 3, "1234", "#1234|NBA01", NOW.minusSeconds(40)), "tcp", "a");

        assertThat(old).isInstanceOf(Dc09Outcome.AnswerNow.class);
        assertThat(text(((Dc09Outcome.AnswerNow) old).answer()))
                .isEqualTo(text(framed("\"NAK\"0000R0L0A0[]_01:00:00,12-08-2026")));
        assertThat(((Dc09Outcome.AnswerNow) ahead).reason()).isEqualTo("dc09.future");
        assertThat(edge).isInstanceOf(Dc09Outcome.Store.class);
    }

    @Test
    void aBadCrcGetsNoAnswerAndIsQuarantinedWithItsReason() {
        Dc09Outcome.Store store = (Dc09Outcome.Store) receiver.judge(
                badCrc(body("SIA-DCS", 1, "1234", "#1234|NBA01", NOW)), "tcp", "10.0.0.1");

        assertThat(store.accepted()).isFalse();
        assertThat(store.answer()).isNull();
        assertThat(store.key()).isEqualTo("_invalid");
        QuarantineRecord record = QuarantineRecord.fromJson(store.value());
        assertThat(record.reason()).isEqualTo("dc09.crc_mismatch");
        assertThat(record.stage()).isEqualTo("dc09");
        assertThat(record.mqttTopic()).isEqualTo("dc09:tcp");
    }

    @Test
    void anUnknownAccountGetsNoAnswerAndIsQuarantined() {
        Dc09Outcome.Store store = (Dc09Outcome.Store) receiver.judge(
                frame("SIA-DCS", 1, "9999", "#9999|NBA01", NOW), "udp", "10.0.0.1");

        assertThat(store.answer()).isNull();
        assertThat(store.reason()).isEqualTo("dc09.unknown_account");
        assertThat(store.headers()).containsEntry(SignalHeaders.REASON, "dc09.unknown_account");
    }

    @Test
    void aPlainFrameForAnEncryptedOnlyAccountIsNotAccepted() {
        Dc09Outcome.Store store = (Dc09Outcome.Store) receiver.judge(
                frame("SIA-DCS", 1, "5678", "#5678|NBA01", NOW), "tcp", "10.0.0.1");

        assertThat(store.accepted()).isFalse();
        assertThat(store.answer()).isNull();
        assertThat(store.reason()).isEqualTo("dc09.plain_not_allowed");
        assertThat(store.key()).isEqualTo("site-b");
    }

    @Test
    void anEncryptedFrameIsDecryptedWithTheAccountsKeyStoredClearAndAnsweredWithAnEncryptedAck() {
        Dc09Cipher cipher = Dc09Cipher.ofKey(KEY);
        byte[] sent = encrypted(frame("SIA-DCS", 12, "5678", "#5678|NBA01", NOW), cipher);

        Dc09Outcome.Store store = (Dc09Outcome.Store) receiver.judge(sent, "tcp", "10.0.0.1");

        assertThat(store.accepted()).isTrue();
        assertThat(store.headers()).containsEntry(SignalHeaders.ASSURANCE, "dc09-aes").containsEntry(SignalHeaders.KEY_ID, "k1")
                .containsEntry(SignalHeaders.ALG, "A128CBC")
                .containsEntry(SignalHeaders.MESSAGE_ID, "dc09:5678:0012:" + NOW.getEpochSecond());
        assertThat(text(store.value())).contains("\"SIA-DCS\"0012R1L1#5678[#5678|NBA01]_01:00:00,12-08-2026");
        String ack = text(store.answer());
        assertThat(ack).startsWith("\n").endsWith("\r").contains("\"*ACK\"0012R1L1#5678[");
        String hex = ack.substring(ack.indexOf('[') + 1, ack.length() - 1);
        assertThat(cipher.decryptHex(hex)).endsWith("]_01:00:00,12-08-2026");
    }

    @Test
    void anEncryptedFrameNoKeyOfTheAccountDecryptsGetsNoAnswerAndIsQuarantined() {
        Dc09Cipher wrong = Dc09Cipher.ofKey("fedcba9876543210".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Dc09Outcome.Store store = (Dc09Outcome.Store) receiver.judge(
                encrypted(frame("SIA-DCS", 13, "5678", "#5678|NBA01", NOW), wrong), "tcp", "10.0.0.1");

        assertThat(store.accepted()).isFalse();
        assertThat(store.answer()).isNull();
        assertThat(store.reason()).isEqualTo("dc09.decrypt_failed");
    }

    @Test
    void anEncryptedFrameOutsideTheWindowGetsAClearNak() {
        Dc09Outcome outcome = receiver.judge(encrypted(frame("SIA-DCS", 14, "5678", "#5678|NBA01", NOW.minusSeconds(60)),
                Dc09Cipher.ofKey(KEY)), "tcp", "10.0.0.1");
        assertThat(text(((Dc09Outcome.AnswerNow) outcome).answer())).contains("\"NAK\"0000R0L0A0[]_01:00:00,12-08-2026");
    }

    static byte[] encrypted(byte[] clearFrame, Dc09Cipher cipher) {
        return ("\n" + Dc09Decryption.encrypt(text(clearFrame), cipher) + "\r").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void anUnsupportedProtocolWithAGoodCrcGetsDuhAndIsQuarantined() {
        Dc09Outcome.Store store = (Dc09Outcome.Store) receiver.judge(
                frame("SIA-XYZ", 9, "1234", "x", NOW), "tcp", "10.0.0.1");

        assertThat(store.reason()).isEqualTo("dc09.unsupported_protocol");
        assertThat(text(store.answer())).contains("\"DUH\"0009");
    }

    @Test
    void aBurstOfRejectsFromOneAddressRaisesOneAlertForThatAddress() {
        List<Dc09Outcome> outcomes = List.of(
                receiver.judge(frame("SIA-DCS", 1, "9999", "", NOW), "tcp", "10.0.0.9"),
                receiver.judge(frame("SIA-DCS", 1, "1234", "", NOW), "tcp", "10.0.0.8"),
                receiver.judge(badCrc(body("SIA-DCS", 2, "1234", "", NOW)), "tcp", "10.0.0.9"),
                receiver.judge(frame("SIA-DCS", 3, "1234", "", NOW.minusSeconds(100)), "tcp", "10.0.0.9"));

        assertThat(outcomes.subList(0, 3)).allMatch(o -> o.alert() == null);
        assertThat(outcomes.get(3).alert()).isNotNull();
        assertThat(outcomes.get(3).alert().site()).isEqualTo("dc09@10.0.0.9");
        assertThat(outcomes.get(3).alert().count()).isEqualTo(3);
    }
}
