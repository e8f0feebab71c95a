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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A message delivered again without the DUP flag — as the broker does after a receiver crash — is a
 * duplicate delivery: forwarded again with the same ids and flagged, never quarantined as a replay,
 * never counted toward a reject burst, and each alarm reaches the incidents once (issue 12, item 4).
 * The second delivery is the very same bytes published again, which is what the receiver sees.
 */
class DuplicateDeliveryIT {

    private static final int ALARMS = 25; // above the reject-burst threshold (20)

    @Test
    void theSameBytesDeliveredAgainAreDuplicatesNotReplays() throws Exception {
        String site = "it-dupe-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase database = TestDatabase.createMigrated();
             VigilTestApp app = new VigilTestApp().withDatabase(database).forSites(site)) {
            DeviceSigner panel = TestSites.enroll(database.config(), site, SignatureAlgorithm.EDDSA);
            app.start();
            List<byte[]> alarms = new ArrayList<>();
            Set<String> mids = new HashSet<>();
            for (int i = 0; i < ALARMS; i++) {
                byte[] envelope = panel.sign(Encoding.JWS, "application/vnd.vigil.cid",
                        String.format("1234 18 1130 01 %03d", i + 1).getBytes(StandardCharsets.US_ASCII));
                alarms.add(envelope);
                mids.add(EnvelopeIds.messageId(envelope));
            }
            try (SiteConnection connection = SiteClient.connect(site);
                 KafkaTopicReader accepted = new KafkaTopicReader(app.topic("accepted"));
                 KafkaTopicReader refused = new KafkaTopicReader(app.topic("quarantine"), app.topic("security"))) {
                for (byte[] envelope : alarms) {
                    connection.publishAndWait(panel.topic(), envelope);
                    connection.publishAndWait(panel.topic(), envelope);
                }
                var records = accepted.pollUntil(r -> r.size() >= 2 * ALARMS, Duration.ofSeconds(60));
                assertThat(records).hasSize(2 * ALARMS);
                List<String> duplicates = records.stream()
                        .filter(r -> "true".equals(KafkaTopicReader.header(r, SignalHeaders.DUPLICATE)))
                        .map(r -> KafkaTopicReader.header(r, SignalHeaders.MESSAGE_ID)).toList();
                assertThat(duplicates).hasSize(ALARMS).containsExactlyInAnyOrderElementsOf(mids);
                for (ConsumerRecord<String, byte[]> record : records) {
                    assertThat(record.value()).isIn(alarms.toArray());
                }

                try (Connection db = DriverManager.getConnection(database.config().url(), database.config().appUser(),
                        database.config().appPassword())) {
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                            .until(() -> linkedEvents(db, site) >= ALARMS);
                    assertThat(linkedEvents(db, site)).isEqualTo(ALARMS);
                }
                assertThat(refused.poll()).as("no quarantine record and no security alert").isEmpty();
            }
        }
    }

    /** How many events of the site are linked to an incident. */
    static int linkedEvents(Connection db, String site) throws Exception {
        try (PreparedStatement query = db.prepareStatement("SELECT count(*) FROM incident_events WHERE site_id = ?")) {
            query.setString(1, site);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
