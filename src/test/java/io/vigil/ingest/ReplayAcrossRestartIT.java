package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replayed envelope is refused after the receiver restarted too: the replay guard's state comes
 * back from PostgreSQL and from the tail of signals.accepted (docs/envelope.md, "crash gap").
 */
class ReplayAcrossRestartIT {

    @Test
    void anEnvelopeAcceptedBeforeARestartIsAReplayAfterIt() throws Exception {
        String site = "it-replay-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase database = TestDatabase.createMigrated()) {
            VigilTestApp first = new VigilTestApp().withDatabase(database).forSites(site);
            DeviceSigner panel = TestSites.enroll(database.config(), site, SignatureAlgorithm.EDDSA);
            byte[] envelope = panel.sign(Encoding.JWS, "application/vnd.vigil.cid",
                    "1234 18 1130 01 015".getBytes(StandardCharsets.US_ASCII));
            String mid = EnvelopeIds.messageId(envelope);
            String accepted = first.topic("accepted");
            String quarantine = first.topic("quarantine");
            first.start();
            try (SiteConnection connection = SiteClient.connect(site);
                 KafkaTopicReader reader = new KafkaTopicReader(accepted)) {
                connection.publishAndWait(panel.topic(), envelope);
                reader.pollUntil(r -> r.stream().anyMatch(rec -> mid.equals(KafkaTopicReader.header(rec, "vigil_mid"))),
                        Duration.ofSeconds(30));
            }
            first.close(); // a graceful stop; the message id lives on only in Kafka and PostgreSQL

            try (VigilTestApp second = new VigilTestApp().withDatabase(database).forSites(site)
                         .with("vigil.kafka.topic.accepted", accepted)
                         .with("vigil.kafka.topic.quarantine", quarantine)
                         .start();
                 SiteConnection connection = SiteClient.connect(site);
                 KafkaTopicReader reader = new KafkaTopicReader(quarantine)) {
                connection.publishAndWait(panel.topic(), envelope); // the very same bytes, published again

                var records = reader.pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(30));
                assertThat(records).hasSize(1);
                QuarantineRecord replay = QuarantineRecord.fromJson(records.get(0).value());
                assertThat(replay.reason()).isEqualTo("replay");
                assertThat(replay.payload()).isEqualTo(envelope);
            }
        }
    }
}
