package io.vigil.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.PublicKeys;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import io.vigil.trust.envelope.ParsedEnvelope;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficMixTest {

    private final SigningKey key = SigningKey.generate(SignatureAlgorithm.EDDSA);
    private final SimulatedSite site = new SimulatedSite(null,
            new DeviceSigner("sim-0001", "panel-1", "kid-1", key, Clock.systemUTC()));

    @Test
    void theBadShareIsHonouredAndSpreadOverEveryBadKind() {
        TrafficMix mix = new TrafficMix(0.2, Clock.systemUTC(), 42);
        Map<SignalKind, Integer> counts = new EnumMap<>(SignalKind.class);
        int total = 20_000;
        for (int i = 0; i < total; i++) {
            counts.merge(mix.next(site).kind(), 1, Integer::sum);
        }
        int bad = counts.entrySet().stream().filter(e -> e.getKey().bad()).mapToInt(Map.Entry::getValue).sum();
        assertThat(bad / (double) total).isBetween(0.18, 0.22);
        for (SignalKind kind : SignalKind.values()) {
            assertThat(counts.getOrDefault(kind, 0)).as(kind.name()).isPositive();
        }
    }

    @Test
    void everyRestoreFollowsAnAlarmOfTheSameZone() throws MalformedEnvelopeException {
        TrafficMix mix = new TrafficMix(0, Clock.systemUTC(), 7);
        String openZone = null;
        for (int i = 0; i < 5_000; i++) {
            TrafficMix.Message message = mix.next(site);
            String body = new String(EnvelopeParser.parse(message.payload()).claims().body(),
                    java.nio.charset.StandardCharsets.US_ASCII);
            if (message.kind() == SignalKind.ALARM) {
                openZone = body.substring(body.length() - 3);
            } else if (message.kind() == SignalKind.RESTORE) {
                assertThat(body).endsWith(openZone).contains(" 3130 ");
                openZone = null;
            }
        }
    }

    @Test
    void badKindsAreWhatTheirNameSays() throws Exception {
        TrafficMix mix = new TrafficMix(1, Clock.systemUTC(), 3);
        // a good message first, so that a replay has something to repeat
        TrafficMix.Message good = new TrafficMix(0, Clock.systemUTC(), 3).next(site);
        assertThat(verifies(good.payload())).isTrue();
        java.util.Set<SignalKind> seen = java.util.EnumSet.noneOf(SignalKind.class);
        for (int i = 0; i < 2_000; i++) {
            TrafficMix.Message message = mix.next(site);
            seen.add(message.kind());
            byte[] payload = message.payload();
            switch (message.kind()) {
                case OVERSIZE -> assertThat(payload.length).isGreaterThan(64 * 1024);
                case STALE -> {
                    assertThat(verifies(payload)).as("a stale message is signed correctly").isTrue();
                    assertThat(EnvelopeParser.parse(payload).claims().issuedAt())
                            .isBefore(java.time.Instant.now().minusSeconds(300));
                }
                case BAD_SIGNATURE -> {
                    assertThat(EnvelopeParser.parse(payload).kid()).isEqualTo("kid-1");
                    assertThat(verifies(payload)).as("a bad signature does not verify").isFalse();
                }
                case REPLAY -> {
                    // the claims of a message the site sent before (same message id and sequence), signed again
                    // into other bytes: identical bytes would be a duplicate delivery, not a replay
                    assertThat(verifies(payload)).isTrue();
                    assertThat(payload).isNotEqualTo(site.lastEnvelope());
                    assertThat(EnvelopeParser.parse(payload).claims().messageId())
                            .isEqualTo(EnvelopeParser.parse(site.lastEnvelope()).claims().messageId());
                    assertThat(EnvelopeParser.parse(payload).claims().seq())
                            .isEqualTo(EnvelopeParser.parse(site.lastEnvelope()).claims().seq());
                }
                case MALFORMED -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnvelopeParser.parse(payload))
                        .isInstanceOf(MalformedEnvelopeException.class);
                default -> throw new AssertionError("a good kind in an all-bad mix: " + message.kind());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(SignalKind.BAD_SIGNATURE, SignalKind.REPLAY, SignalKind.STALE,
                SignalKind.OVERSIZE, SignalKind.MALFORMED);
    }

    /** Whether the envelope parses and its signature verifies with the site's public key. */
    private boolean verifies(byte[] envelope) throws Exception {
        ParsedEnvelope parsed = EnvelopeParser.parse(envelope);
        return PublicKeys.verifier(parsed.alg(), key.subjectPublicKeyInfo())
                .verify(parsed.signedData(), parsed.signedOffset(), parsed.signedLength(), parsed.signature());
    }
}
