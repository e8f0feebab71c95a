package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.ingest.SignalHeaders;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Replay detection holds across nodes (docs/cluster.md, "Replay across nodes"): an envelope accepted
 * through node a, sent again once node b holds the slot, is known to b: a duplicate delivery with
 * the same ids, not a new signal.
 */
class ReplayAcrossNodesIT {

    @Test
    void anEnvelopeSentAgainThroughAnotherNodeIsNotANewSignal() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String site = "it-replay-node-" + run;
        try (TestDatabase database = TestDatabase.createMigrated();
             VigilTestApp a = new VigilTestApp().withDatabase(database).forSites(site)
                     .with("vigil.cluster.node-id", "node-a-" + run).with("vigil.cluster.lease-duration", "3s");
             VigilTestApp b = new VigilTestApp().withDatabase(database)) {
            // b is a second node of the same cluster: the same client id, topics, groups and database
            a.overrides().forEach(b::with);
            b.with("vigil.cluster.node-id", "node-b-" + run)
                    .with("vigil.supervision.snapshot-file", "target/test-supervision/" + run + "-b/engine.snapshot");
            DeviceSigner panel = TestSites.enroll(database.config(), site, SignatureAlgorithm.EDDSA);
            a.start();
            b.start();
            assertThat(a.application().cluster().holds(NodeLeases.slotLease(1))).isTrue();
            assertThat(b.application().cluster().holds(NodeLeases.slotLease(1))).isFalse();
            byte[] alarm = panel.sign(Encoding.JWS, "application/vnd.vigil.cid",
                    "1234 18 1130 01 001".getBytes(StandardCharsets.US_ASCII));

            try (SiteConnection connection = SiteClient.connect(site);
                 KafkaTopicReader accepted = new KafkaTopicReader(a.topic("accepted"), a.topic("quarantine"))) {
                connection.publishAndWait(panel.topic(), alarm);
                accepted.pollUntil(records -> !records.isEmpty(), Duration.ofSeconds(60));

                a.stop(); // node a leaves; b takes the slot
                await("node b runs the slot").atMost(Duration.ofSeconds(20)).until(() -> ingestStarted(b));
                connection.publishAndWait(panel.topic(), alarm);

                List<ConsumerRecord<String, byte[]>> both = accepted.pollUntil(records -> records.size() >= 2,
                        Duration.ofSeconds(60));
                assertThat(both).hasSize(2);
                ConsumerRecord<String, byte[]> again = both.get(1);
                assertThat(again.topic()).isEqualTo(a.topic("accepted"));
                assertThat(KafkaTopicReader.header(again, SignalHeaders.DUPLICATE))
                        .as("node b knows what node a accepted").isEqualTo("true");
            }
        }
    }

    private static boolean ingestStarted(VigilTestApp app) {
        var camel = app.application().camelContext();
        return camel.getRoute("ingest") != null
                && camel.getRouteController().getRouteStatus("ingest") == ServiceStatus.Started;
    }
}
