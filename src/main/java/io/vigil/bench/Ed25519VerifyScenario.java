package io.vigil.bench;

import io.vigil.trust.crypto.CryptoProvider;
import io.vigil.trust.crypto.CryptoProviders;
import io.vigil.trust.crypto.InvalidPublicKeyException;
import io.vigil.trust.crypto.PublicKeys;
import io.vigil.trust.crypto.SignatureVerifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * ed25519_verify: what one Ed25519 signature verification costs on this machine (BouncyCastle's
 * {@code rfc8032.Ed25519.verify}, a 300-byte message, one key, as a site's envelopes will be
 * verified), measured as the CPU time of the verifying thread after a warm-up. It is the yardstick
 * for "Vigil's CPU per event" in the ratios. Reported per 1,000 verifications like the message
 * scenarios report per 1,000 messages, so {@code cpu_ms_per_1000} is µs per verification;
 * {@code msgs_per_s} is verifications per second on one core.
 *
 * <p>The same run also times each {@link CryptoProvider} that loads here through the trust gate's own
 * {@link SignatureVerifier} (key decoded once, as the key registry holds it), as
 * {@code us_per_verify_<provider>} ({@code us_per_verify_accp-2.5.0}, {@code us_per_verify_bouncycastle}), and names the one the receiver would choose ({@code active_provider}); the yardstick stays Bouncy
 * Castle's so the ratios compare with earlier runs.
 */
public final class Ed25519VerifyScenario implements Scenario {

    public static final String NAME = "ed25519_verify";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        int verifications = context.settings().ed25519Verifications();
        int warmup = Math.max(10_000, verifications / 5);
        Sample sample = Sample.generate();
        Cost cost = sample.measure(sample::verifyBouncyCastleRaw, warmup, verifications);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("verifications", verifications);
        details.put("us_per_verify", cost.cpuMicrosPerVerify());
        details.put("wall_us_per_verify", cost.wallMicrosPerVerify());
        details.put("library", "BouncyCastle " + RunFacts.bouncyCastleVersion() + " org.bouncycastle.math.ec.rfc8032.Ed25519");
        for (CryptoProvider provider : CryptoProvider.values()) {
            if (provider.unavailableBecause() == null) {
                Cost c = sample.measure(sample.verifierBy(provider), warmup, verifications);
                details.put("us_per_verify_" + provider.label(), c.cpuMicrosPerVerify());
                details.put("wall_us_per_verify_" + provider.label(), c.wallMicrosPerVerify());
            }
        }
        details.put("active_provider", CryptoProviders.active().label());
        return new ScenarioResult(NAME, 1e6 / cost.cpuMicrosPerVerify(), null, null, null, null,
                cost.cpuMicrosPerVerify(), null, details);
    }

    /** CPU and wall time per verification, over {@code measured} verifications after {@code warmup} of them. */
    public record Cost(double cpuMicrosPerVerify, double wallMicrosPerVerify) {}

    /** One key, one 300-byte message and its signature. */
    private record Sample(byte[] publicKey, byte[] message, byte[] signature) {

        static Sample generate() {
            SecureRandom random = new SecureRandom();
            byte[] privateKey = new byte[Ed25519.SECRET_KEY_SIZE];
            byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
            Ed25519.generatePrivateKey(random, privateKey);
            Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
            byte[] message = new byte[BenchPayload.SIZE];
            random.nextBytes(message);
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(privateKey, 0, message, 0, message.length, signature, 0);
            return new Sample(publicKey, message, signature);
        }

        boolean verifyBouncyCastleRaw() {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        }

        Verification verifierBy(CryptoProvider provider) {
            try {
                SignatureVerifier verifier = PublicKeys.ed25519(provider, publicKey);
                return () -> verifier.verify(message, 0, message.length, signature);
            } catch (InvalidPublicKeyException e) {
                throw new IllegalStateException("a generated Ed25519 key was refused", e);
            }
        }

        Cost measure(Verification verification, int warmup, int measured) {
            repeat(verification, warmup);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            repeat(verification, measured);
            long wall = System.nanoTime() - wallBefore;
            long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            return new Cost(cpu / 1000.0 / measured, wall / 1000.0 / measured);
        }

        private static void repeat(Verification verification, int times) {
            for (int i = 0; i < times; i++) {
                // checking the result keeps the JIT from dropping the call
                if (!verification.verify()) {
                    throw new IllegalStateException("a valid Ed25519 signature did not verify");
                }
            }
        }
    }

    @FunctionalInterface
    private interface Verification {
        boolean verify();
    }
}
