package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.Claims;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replayed envelope is refused after the receiver restarted too: the replay guard's state comes
 * back from PostgreSQL and from the tail of signals.accepted (docs/envelope.md, "Restarts"). The
 * same bytes within the id memory are a duplicate delivery (same ids); after it, or under another
 * id, a replay.
 */
class ReplayAcrossRestartIT {

    @Test
    void anEnvelopeAcceptedBeforeARestartIsAReplayAfterIt() throws Exception {
        String site = "it-replay-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase database = TestDatabase.createMigrated();
                 // stopped, not closed, before the second starts: closing would delete the topics the second reads
                 VigilTestApp first = new VigilTestApp().withDatabase(database).forSites(site)) {
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
            first.stop(); // a graceful stop; the message id lives on only in Kafka and PostgreSQL

            // a short freshness window keeps the test quick: remembered ids are forgotten ~7 s after the restart
            try (VigilTestApp second = new VigilTestApp().withDatabase(database).forSites(site)
                         .with("vigil.kafka.topic.accepted", accepted)
                         .with("vigil.kafka.topic.quarantine", quarantine)
                         .with("vigil.trust.freshness.max-age", "5s")
                         .start();
                 SiteConnection connection = SiteClient.connect(site);
                 KafkaTopicReader acceptedReader = new KafkaTopicReader(accepted);
                 KafkaTopicReader reader = new KafkaTopicReader(quarantine)) {
                Instant restarted = Instant.now();
                // the very same bytes at once: the restart remembered id and bytes, so a duplicate delivery
                connection.publishAndWait(panel.topic(), envelope);
                var copies = acceptedReader.pollUntil(r -> r.size() >= 2, Duration.ofSeconds(30));
                assertThat(copies).hasSize(2);
                assertThat(KafkaTopicReader.header(copies.get(1), "vigil_duplicate")).isEqualTo("true");
                assertThat(KafkaTopicReader.header(copies.get(1), "vigil_mid")).isEqualTo(mid);

                // the same sequence number under another id: a replay, known from device_sequences
                Claims original = EnvelopeIds.claims(envelope);
                byte[] sameSeq = panel.sign(Encoding.JWS, Claims.of(site, original.device(), original.seq(), Instant.now(),
                        "other-" + mid, original.contentType(), original.body()));
                connection.publishAndWait(panel.topic(), sameSeq);
                var records = reader.pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(30));
                assertThat(records).hasSize(1);
                QuarantineRecord replay = QuarantineRecord.fromJson(records.get(0).value());
                assertThat(replay.reason()).isEqualTo("replay");
                assertThat(replay.payload()).isEqualTo(sameSeq);

                // once the id is forgotten, the old bytes again: refused by their sequence number, not new however late
                await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(restarted.plusSeconds(9)));
                connection.publishAndWait(panel.topic(), envelope);
                records = reader.pollUntil(r -> r.size() >= 2, Duration.ofSeconds(30));
                assertThat(records).hasSize(2);
                assertThat(QuarantineRecord.fromJson(records.get(1).value()).reason()).isEqualTo("replay");
                assertThat(QuarantineRecord.fromJson(records.get(1).value()).payload()).isEqualTo(envelope);
                assertThat(acceptedReader.poll()).hasSize(2);
            }
        }
    }
}
