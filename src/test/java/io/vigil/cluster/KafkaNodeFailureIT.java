package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.Publisher;
import io.vigil.testing.SignalLedger;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.EnvelopeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A receiver on a 3-node Kafka cluster (docs/cluster.md, "Other single points"): one Kafka node is
 * killed with SIGKILL mid-stream and not restarted; with replication 3 and min.insync.replicas 2,
 * every signal still reaches signals.accepted. Runs only against a cluster started for it
 * ({@code scripts/services up --kafka-nodes 3 kafka} on ports of its own), with the whole test run
 * pointed at it ({@code VIGIL_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096})
 * and {@code -Dvigil.test.kafka-cluster-pid=var/run/kafka-3.pid} naming the node to kill; not in CI
 * (see docs/cluster.md). Restart the node afterwards with the same {@code scripts/services up} command.
 */
@EnabledIfSystemProperty(named = "vigil.test.kafka-cluster-pid", matches = ".+")
class KafkaNodeFailureIT {

    private static final int MESSAGES = 2_000;

    private static void assertReplicatedThreeTimesWithTwoInSync(String topic) throws Exception {
        try (Admin admin = Admin.create(TestEnvironment.get().kafkaClient())) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("min.insync.replicas").value()).isEqualTo("2");
        }
    }

    @Test
    void oneKafkaNodeOfThreeKilledMidStreamLosesNothing() throws Exception {
        String site = "it-kafka-node-" + UUID.randomUUID().toString().substring(0, 8);
        long victim = Long.parseLong(Files.readString(Path.of(System.getProperty("vigil.test.kafka-cluster-pid"))).trim());
        try (TestDatabase database = TestDatabase.createMigrated();
             VigilTestApp app = new VigilTestApp().withDatabase(database).forSites(site)) {
            DeviceSigner panel = TestSites.enroll(database.config(), site, SignatureAlgorithm.EDDSA);
            List<byte[]> envelopes = new ArrayList<>();
            Set<String> published = new HashSet<>();
            for (int i = 0; i < MESSAGES; i++) {
                byte[] envelope = panel.sign(Encoding.JWS, "application/vnd.vigil.cid",
                        ("1234 18 1602 00 " + String.format("%03d", i % 1000)).getBytes(StandardCharsets.US_ASCII));
                envelopes.add(envelope);
                published.add(EnvelopeParser.parse(envelope).claims().messageId());
            }
            app.start();
            assertReplicatedThreeTimesWithTwoInSync(app.topic("accepted"));
            try (SiteConnection connection = SiteClient.connect(site);
                 KafkaTopicReader reader = new KafkaTopicReader(app.topic("accepted"), app.topic("quarantine"));
                 Publisher publisher = new Publisher(connection, panel.topic(), envelopes)) {
                SignalLedger ledger = new SignalLedger(app.topic("accepted"));
                reader.pollUntil(records -> ledger.update(records).found().size() >= MESSAGES / 10, Duration.ofSeconds(120));
                ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL one Kafka node
                assertThat(ledger.update(reader.poll()).found().size()).as("mid-stream").isLessThan(MESSAGES);
                publisher.awaitDone();
                reader.pollUntil(records -> ledger.update(records).found().containsAll(published), Duration.ofSeconds(180));
                assertThat(ledger.accepted()).containsAll(published);
                assertThat(ledger.quarantinedOnly()).isZero();
            }
        }
    }
}
