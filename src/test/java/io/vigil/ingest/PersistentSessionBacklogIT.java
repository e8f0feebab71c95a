package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.SignalLedger;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What arrives while the receiver is down is kept by the broker (persistent session) and reaches
 * Kafka when the receiver comes back. Camel 4.17's own paho consumers connect before they set their
 * callback, so this backlog — delivered right after CONNACK — could be neither processed nor
 * acknowledged; vigil-mqtt5 sets the callback first (docs/delivery.md: with the stock consumer
 * none of the 2,000 arrived).
 */
class PersistentSessionBacklogIT {

    private static final int BACKLOG = 2_000;

    @Test
    void theBacklogOfAPersistentSessionReachesKafkaAfterARestart() throws Exception {
        String site = "it-backlog-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase database = TestDatabase.createMigrated();
                 // stopped, not closed, before the second starts: closing would delete the topics the second reads
                 VigilTestApp first = new VigilTestApp().withDatabase(database).forSites(site)) {
            DeviceSigner panel = TestSites.enroll(database.config(), site, SignatureAlgorithm.EDDSA);
            String clientId = first.properties().get("vigil.mqtt.client-id");
            String accepted = first.topic("accepted");
            first.start(); // creates the persistent session and its subscription
            first.stop();

            Set<String> published = new HashSet<>();
            try (SiteConnection connection = SiteClient.connect(site)) {
                for (int i = 0; i < BACKLOG; i++) {
                    byte[] envelope = panel.sign(Encoding.JWS, "application/vnd.vigil.heartbeat",
                            ("beat " + i).getBytes(StandardCharsets.UTF_8));
                    published.add(EnvelopeIds.messageId(envelope));
                    connection.publishAndWait(panel.topic(), envelope);
                }
            }

            try (VigilTestApp second = new VigilTestApp().withDatabase(database).forSites(site)
                         .with("vigil.mqtt.client-id", clientId)
                         .with("vigil.kafka.topic.accepted", accepted)
                         .start();
                 KafkaTopicReader reader = new KafkaTopicReader(accepted)) {
                SignalLedger ledger = new SignalLedger(accepted);
                reader.pollUntil(records -> ledger.update(records).accepted().containsAll(published), Duration.ofSeconds(60));

                assertThat(ledger.accepted()).containsAll(published);
            }
        }
    }
}
