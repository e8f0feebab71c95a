package io.vigil.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.QuarantineRecord;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.SignatureAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The simulator's traffic through the real receiver: every good message accepted, every bad one quarantined for its own reason. */
class SimulatorIT {

    private static final int MESSAGES = 2_000;

    @Test
    void everyBadKindEndsInQuarantineWithItsReasonAndEveryGoodMessageIsAccepted() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String[] siteIds = {"it-sim-" + run + "-1", "it-sim-" + run + "-2", "it-sim-" + run + "-3"};
        try (VigilTestApp app = new VigilTestApp().forSites(siteIds)
                // the bad traffic is the point here: no security events needed
                .with("vigil.trust.reject-burst.threshold", "1000000")) {
            List<SimulatedSite> sites = new ArrayList<>();
            for (String id : siteIds) {
                sites.add(new SimulatedSite(SiteClient.connect(id),
                        TestSites.enroll(app.database(), id, SignatureAlgorithm.EDDSA)));
            }
            app.start();
            SimulationStats stats = new Simulator(sites, new TrafficMix(0.25, Clock.systemUTC(), 11),
                    new SimulationStats(), 200).run(MESSAGES, Duration.ofMinutes(2), 0);
            for (SimulatedSite site : sites) {
                site.connection().close();
            }
            assertThat(stats.acknowledged()).isEqualTo(MESSAGES);

            long good = MESSAGES - stats.bad();
            Map<String, Integer> reasons = new HashMap<>();
            try (KafkaTopicReader reader = new KafkaTopicReader(app.topic("accepted"), app.topic("quarantine"))) {
                List<ConsumerRecord<String, byte[]>> records = reader.pollUntil(
                        r -> r.size() >= MESSAGES, Duration.ofSeconds(60));
                long accepted = records.stream().filter(r -> r.topic().equals(app.topic("accepted"))).count();
                records.stream().filter(r -> r.topic().equals(app.topic("quarantine")))
                        .map(r -> QuarantineRecord.fromJson(r.value()).reason())
                        .forEach(reason -> reasons.merge(reason, 1, Integer::sum));
                assertThat(accepted).isEqualTo(good);
            }
            assertThat(reasons.getOrDefault("bad_signature", 0)).isEqualTo((int) stats.sent(SignalKind.BAD_SIGNATURE));
            assertThat(reasons.getOrDefault("replay", 0)).isEqualTo((int) stats.sent(SignalKind.REPLAY));
            assertThat(reasons.getOrDefault("stale", 0)).isEqualTo((int) stats.sent(SignalKind.STALE));
            assertThat(reasons.getOrDefault("oversize", 0)).isEqualTo((int) stats.sent(SignalKind.OVERSIZE));
            assertThat(reasons.getOrDefault("malformed", 0)).isEqualTo((int) stats.sent(SignalKind.MALFORMED));
        }
    }
}
