package io.vigil.trust.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.trust.Encoding;
import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.RejectReason;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.TrustGate;
import io.vigil.trust.TrustMetrics;
import io.vigil.trust.Verdict;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.Claims;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import io.vigil.trust.keys.KeyDirectory;
import io.vigil.trust.keys.SiteKeyRecord;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.keys.SiteRecord;
import io.vigil.trust.replay.ReplayGuard;
import io.vigil.trust.replay.SequenceStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * Fuzzes the trust gate and the envelope parser with arbitrary bytes: every input must end as a
 * verdict, never as an exception, and never as internal_error (which would mean the gate caught a
 * bug). Regression inputs: src/test/resources/io/vigil/trust/fuzz/EnvelopeFuzzTestInputs/ (seeded by
 * {@link #main}, grown by fuzzing with JAZZER_FUZZ=1).
 */
class EnvelopeFuzzTest {

    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    static final String SITE = "fuzz-site";
    static final List<String> TOPICS = List.of("sites/fuzz-site/panel-1", "sites/other-site/panel-1", "sites/fuzz-site",
            "alarms/x");
    static final SigningKey ED25519 = fixedEd25519();
    static final SigningKey P256 = fixedP256();

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TrustConfig CONFIG = TrustConfig.defaults();
    private static final TrustGate GATE = new TrustGate(CONFIG, KeyDirectory.of(SiteKeys.of(
            new SiteRecord(SITE, "", NOW, null), List.of(
                    new SiteKeyRecord(SITE, "ed", SignatureAlgorithm.EDDSA, ED25519.subjectPublicKeyInfo(),
                            NOW.minusSeconds(3600), null, null, null, NOW),
                    new SiteKeyRecord(SITE, "ec", SignatureAlgorithm.ES256, P256.subjectPublicKeyInfo(),
                            NOW.minusSeconds(3600), null, null, null, NOW)))),
            new ReplayGuard(CONFIG, SequenceStore.NONE, CLOCK), new TrustMetrics(), CLOCK);

    /** First byte: bit 0 = DUP flag, bits 1-2 = topic; the rest is the payload. */
    @FuzzTest(maxDuration = "2m")
    void theGateEndsEveryInputInAVerdict(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ReceivedMessage message = new ReceivedMessage(TOPICS.get((input[0] >> 1) & 3),
                Arrays.copyOfRange(input, 1, input.length), (input[0] & 1) != 0, NOW);
        Verdict verdict = GATE.check(message);
        assertThat(verdict).isNotNull();
        if (verdict instanceof Verdict.Rejected rejected) {
            assertThat(rejected.reason()).as(rejected.detail()).isNotEqualTo(RejectReason.INTERNAL_ERROR);
            assertThat(rejected.detail()).doesNotContain("\n", "\r", "\u001b");
        }
    }

    @FuzzTest(maxDuration = "2m")
    void theParserOnlyEverSaysMalformed(byte[] input) {
        try {
            EnvelopeParser.parse(input);
        } catch (MalformedEnvelopeException expected) {
            assertThat(expected.getMessage()).doesNotContain("\n", "\r", "\u001b");
        }
    }

    /** Writes the seed inputs: valid envelopes of both encodings and algorithms, plus near misses. */
    public static void main(String[] args) throws IOException {
        Path base = Path.of("src/test/resources/io/vigil/trust/fuzz/EnvelopeFuzzTestInputs");
        byte[] body = "[#1234|1130 01 015]".getBytes(StandardCharsets.UTF_8);
        int n = 0;
        for (Encoding encoding : List.of(Encoding.JWS, Encoding.COSE)) {
            for (SigningKey key : List.of(ED25519, P256)) {
                String kid = key == ED25519 ? "ed" : "ec";
                DeviceSigner signer = new DeviceSigner(SITE, "panel-1", kid, key, CLOCK);
                byte[] envelope = signer.sign(encoding, Claims.of(SITE, "panel-1", 1000 + n, NOW, "seed-" + n,
                        "application/vnd.vigil.cid", body));
                write(base.resolve("theParserOnlyEverSaysMalformed"), "seed-" + n, envelope);
                write(base.resolve("theGateEndsEveryInputInAVerdict"), "seed-" + n, prefixed((byte) 0, envelope));
                write(base.resolve("theGateEndsEveryInputInAVerdict"), "seed-dup-" + n, prefixed((byte) 1, envelope));
                n++;
            }
        }
        write(base.resolve("theParserOnlyEverSaysMalformed"), "seed-empty-cose",
                new byte[] {(byte) 0xd2, (byte) 0x84, 0x40, (byte) 0xa0, 0x40, 0x40});
        write(base.resolve("theParserOnlyEverSaysMalformed"), "seed-jws-header", "eyJhbGciOiJFZERTQSJ9..".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] prefixed(byte first, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static void write(Path dir, String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), content);
    }

    private static SigningKey fixedEd25519() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        return pkcs8(new Ed25519PrivateKeyParameters(seed));
    }

    private static SigningKey fixedP256() {
        var curve = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
        var domain = new org.bouncycastle.crypto.params.ECNamedDomainParameters(
                org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1, curve);
        return pkcs8(new ECPrivateKeyParameters(new java.math.BigInteger("123456789abcdef0123456789abcdef", 16), domain));
    }

    private static SigningKey pkcs8(org.bouncycastle.crypto.params.AsymmetricKeyParameter key) {
        try {
            return SigningKey.fromPkcs8(PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
