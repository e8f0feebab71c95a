package io.vigil.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficMixTest {

    private final SimulatedSite site = new SimulatedSite(null,
            new DeviceSigner("sim-0001", "panel-1", "kid-1", SigningKey.generate(SignatureAlgorithm.EDDSA), Clock.systemUTC()));

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
    void badKindsAreWhatTheirNameSays() throws MalformedEnvelopeException {
        TrafficMix mix = new TrafficMix(1, Clock.systemUTC(), 3);
        for (int i = 0; i < 2_000; i++) {
            TrafficMix.Message message = mix.next(site);
            switch (message.kind()) {
                case OVERSIZE -> assertThat(message.payload().length).isGreaterThan(64 * 1024);
                case STALE -> assertThat(EnvelopeParser.parse(message.payload()).claims().issuedAt())
                        .isBefore(java.time.Instant.now().minusSeconds(300));
                default -> assertThat(message.kind().bad()).isTrue();
            }
        }
    }
}
