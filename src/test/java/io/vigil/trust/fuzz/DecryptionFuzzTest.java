package io.vigil.trust.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.normalize.owntracks.OwnTracksEncryptedPayload;
import io.vigil.normalize.owntracks.OwnTracksSecretBox;
import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.RejectReason;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.TrustGate;
import io.vigil.trust.TrustMetrics;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.Verdict;
import io.vigil.trust.keys.KeyDirectory;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.keys.SiteSecret;
import io.vigil.trust.replay.ReplayGuard;
import io.vigil.trust.replay.SequenceStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fuzzes the decryptors and the trust gate of the dc09-aes, owntracks-secret and transport-only
 * profiles: every input ends as a clear signal or a failure with its reason, never an exception
 * and never internal_error. The fuzzer also controls the plaintext (it is encrypted here with the
 * enrolled key), so the pad and frame parsing behind a right key are reached. Run one with
 * JAZZER_FUZZ=1 mvn test -Dtest=DecryptionFuzzTest#... to fuzz it.
 */
class DecryptionFuzzTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] AES_KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Dc09Cipher CIPHER = Dc09Cipher.ofKey(AES_KEY);
    private static final OwnTracksSecretBox BOX = OwnTracksSecretBox.fromSecret("fuzz secret");
    private static final List<String> TOPICS = List.of("sites/fz-dc09/dc09", "sites/fz-ot/owntracks/u/d",
            "sites/fz-ot/owntracks/u/d/event", "sites/fz-tr/cid/p", "sites/fz-tr/owntracks", "sites/fz-dc09",
            "sites/fz-ot/x/y", "sites/fz-tr/x");
    private static final TrustConfig CONFIG = TrustConfig.defaults();
    private static final TrustGate GATE = new TrustGate(CONFIG, KeyDirectory.of(
            site("fz-dc09", TrustProfile.DC09_AES, new SiteSecret("k1", TrustProfile.DC09_AES, "1234", NOW.minusSeconds(60),
                    null, null, AES_KEY)),
            site("fz-ot", TrustProfile.OWNTRACKS_SECRET, new SiteSecret("k2", TrustProfile.OWNTRACKS_SECRET, null,
                    NOW.minusSeconds(60), null, null, "fuzz secret".getBytes(StandardCharsets.UTF_8))),
            site("fz-tr", TrustProfile.TRANSPORT_ONLY, null)),
            new ReplayGuard(CONFIG, SequenceStore.NONE, CLOCK), new TrustMetrics(), CLOCK);

    /** Arbitrary text after a fixed encrypted header: hex or not, blocks or not. */
    @FuzzTest(maxDuration = "2m")
    void dc09DecryptionOfArbitraryText(FuzzedDataProvider data) {
        String body = "\"*SIA-DCS\"0001L0#1234[" + data.consumeRemainingAsAsciiString();
        decryptDc09(framed(body));
    }

    /** Arbitrary plaintext, encrypted with the right key: the pad check and the frame parser behind it. */
    @FuzzTest(maxDuration = "2m")
    void dc09DecryptionOfArbitraryPlaintext(FuzzedDataProvider data) {
        String header = data.pickValue(new String[] {"\"*SIA-DCS\"0001L0#1234[", "\"*NULL\"0000R0L0#1234[",
                "\"*ADM-CID\"9999R1L2#1234["});
        String body = header + encryptRaw(data.consumeRemainingAsBytes());
        decryptDc09(framed(body));
    }

    @FuzzTest(maxDuration = "2m")
    void ownTracksOpeningOfArbitraryPayloads(byte[] payload) {
        try {
            assertThat(OwnTracksEncryptedPayload.open(payload, BOX)).isNotNull();
        } catch (MalformedSignalException expected) {
            assertThat(expected.reasonCode()).startsWith("owntracks.");
        }
    }

    /** First byte picks topic and DUP flag; the rest is a payload, sealed or encrypted with the right key on request. */
    @FuzzTest(maxDuration = "2m")
    void theGateEndsEveryProfiledInputInAVerdict(FuzzedDataProvider data) {
        int selector = data.consumeInt(0, 255);
        String topic = TOPICS.get(selector & 7);
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] payload = switch ((selector >> 3) & 3) {
            case 0 -> rest;
            case 1 -> framed("\"*SIA-DCS\"0001L0#1234[" + encryptRaw(rest)).getBytes(StandardCharsets.ISO_8859_1);
            case 2 -> ("{\"_type\":\"encrypted\",\"data\":\"" + BOX.sealBase64(rest) + "\"}").getBytes(StandardCharsets.UTF_8);
            default -> framed(new String(rest, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        };
        Verdict verdict = GATE.check(new ReceivedMessage(topic, payload, (selector & 0x20) != 0, NOW));
        assertThat(verdict).isNotNull();
        if (verdict instanceof Verdict.Rejected rejected) {
            assertThat(rejected.reason()).as(rejected.detail()).isNotEqualTo(RejectReason.INTERNAL_ERROR);
            assertThat(rejected.detail()).doesNotContain("\n", "\r", "\u001b");
        }
    }

    private static void decryptDc09(String frame) {
        try {
            Dc09Decryption.Decrypted decrypted = Dc09Decryption.decrypt(frame, CIPHER);
            assertThat(decrypted.clearFrame()).doesNotContain("*");
        } catch (MalformedSignalException expected) {
            assertThat(expected.reasonCode()).startsWith("dc09.");
            assertThat(expected.getMessage()).doesNotContain("\n", "\r", "\u001b");
        }
    }

    private static String framed(String body) {
        String clipped = body.length() > 0xFFF ? body.substring(0, 0xFFF) : body;
        return String.format(Locale.ROOT, "%04X%04X", io.vigil.normalize.dc09.Crc16Arc.of(clipped), clipped.length())
                + clipped;
    }

    /** Zero-filled to whole blocks and encrypted as a panel would, without choosing the pad: that is the fuzzer's. */
    private static String encryptRaw(byte[] plaintext) {
        byte[] blocks = Arrays.copyOf(plaintext, Math.max(16, (plaintext.length + 15) / 16 * 16));
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(AES_KEY, "AES"), new IvParameterSpec(new byte[16]));
            return HexFormat.of().withUpperCase().formatHex(cipher.doFinal(blocks));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SiteKeys site(String id, TrustProfile profile, SiteSecret secret) {
        return new SiteKeys(id, false, Map.of(), profile, secret == null ? List.of() : List.of(secret));
    }
}
