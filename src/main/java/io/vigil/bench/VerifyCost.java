package io.vigil.bench;

import io.vigil.trust.Encoding;
import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.TrustGate;
import io.vigil.trust.TrustMetrics;
import io.vigil.trust.Verdict;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.Claims;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.ParsedEnvelope;
import io.vigil.trust.keys.KeyDirectory;
import io.vigil.trust.keys.SiteKeyRecord;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.keys.SiteRecord;
import io.vigil.trust.keys.TrustedKey;
import io.vigil.trust.replay.ReplayGuard;
import io.vigil.trust.replay.SequenceStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Measures, in thread CPU time, one bare Ed25519 verification by the active crypto provider
 * ({@link io.vigil.trust.crypto.CryptoProviders#active()}) and one full
 * {@link TrustGate#check} of a ~300-byte JWS envelope (distinct, fresh, accepted envelopes, so the
 * replay guard does its real work). No JMH: a plain loop after a warm-up, run by the benchmark
 * harness as {@code java -cp ... io.vigil.bench.VerifyCost [iterations] [warmup]}.
 */
public final class VerifyCost {

    private VerifyCost() {}

    public record Result(int envelopeBytes, int iterations, double verifyNanos, double gateNanos) {
        public double ratio() {
            return gateNanos / verifyNanos;
        }
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Result r = measure(iterations, warmup);
        System.out.printf("envelope: %d-byte JWS, EdDSA; %d iterations after %d warm-up%n", r.envelopeBytes(),
                r.iterations(), warmup);
        System.out.printf("bare Ed25519 verify (%s): %8.1f us CPU%n",
                io.vigil.trust.crypto.CryptoProviders.active().label(), r.verifyNanos() / 1000);
        System.out.printf("full TrustGate.check:    %8.1f us CPU (%.2fx verify, %.0f msg/s per core)%n",
                r.gateNanos() / 1000, r.ratio(), 1e9 / r.gateNanos());
    }

    public static Result measure(int iterations, int warmup) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        TrustConfig config = TrustConfig.defaults();
        SigningKey key = SigningKey.generate(SignatureAlgorithm.EDDSA);
        String site = "site-0001";
        SiteKeys siteKeys = SiteKeys.of(new SiteRecord(site, "", now, null), List.of(new SiteKeyRecord(site, "k1",
                SignatureAlgorithm.EDDSA, key.subjectPublicKeyInfo(), now.minusSeconds(60), null, null, null, now)));
        ReplayGuard replay = new ReplayGuard(config, SequenceStore.NONE, clock);
        TrustGate gate = new TrustGate(config, KeyDirectory.of(siteKeys), replay, new TrustMetrics(), clock);
        DeviceSigner signer = new DeviceSigner(site, "panel-1", "k1", key, clock);

        int total = warmup + iterations;
        byte[][] envelopes = new byte[total][];
        byte[] body = bodyFor(signer, now);
        for (int i = 0; i < total; i++) {
            envelopes[i] = signer.sign(Encoding.JWS, Claims.of(site, signer.device(), signer.nextSeq(), now,
                    String.format("m%015d", i), "application/vnd.vigil.cid", body));
        }
        String topic = signer.topic();

        ParsedEnvelope sample;
        try {
            sample = EnvelopeParser.parse(envelopes[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        TrustedKey trusted = siteKeys.key("k1");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        for (int i = 0; i < warmup; i++) {
            verify(trusted, sample);
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < iterations; i++) {
            verify(trusted, sample);
        }
        double verifyNanos = (threads.getCurrentThreadCpuTime() - start) / (double) iterations;

        for (int i = 0; i < warmup; i++) {
            accept(gate, new ReceivedMessage(topic, envelopes[i], false, now));
        }
        start = threads.getCurrentThreadCpuTime();
        for (int i = warmup; i < total; i++) {
            accept(gate, new ReceivedMessage(topic, envelopes[i], false, now));
        }
        double gateNanos = (threads.getCurrentThreadCpuTime() - start) / (double) iterations;
        return new Result(envelopes[0].length, iterations, verifyNanos, gateNanos);
    }

    private static void verify(TrustedKey key, ParsedEnvelope e) {
        if (!key.verifier().verify(e.signedData(), e.signedOffset(), e.signedLength(), e.signature())) {
            throw new IllegalStateException("sample signature does not verify");
        }
    }

    private static void accept(TrustGate gate, ReceivedMessage message) {
        Verdict verdict = gate.check(message);
        if (!(verdict instanceof Verdict.Accepted)) {
            throw new IllegalStateException("benchmark envelope rejected: " + verdict);
        }
    }

    /** A Contact ID style body, padded so the whole envelope comes to about 300 bytes. */
    private static byte[] bodyFor(DeviceSigner signer, Instant now) {
        String body = "[#1234|1130 01 015]";
        int size = signer.sign(Encoding.JWS, Claims.of(signer.site(), signer.device(), 1, now, "m000000000000000",
                "application/vnd.vigil.cid", body.getBytes(StandardCharsets.UTF_8))).length;
        int pad = Math.max(0, (300 - size) * 3 / 4);
        return (body + " ".repeat(pad)).getBytes(StandardCharsets.UTF_8);
    }
}
