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
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Signals a site sent during an outage (held by the broker or by the site's store and forward) become
 * events marked late, while replays stay refused (issue 12, item 3; docs/envelope.md, "Freshness and
 * novelty"). The backlog is published while the receiver is down, issued 2 and 30 minutes before the
 * receiver sees it.
 */
class OutageBacklogIT {

    private static final String CID = "application/vnd.vigil.cid";
    private static final int PER_OUTAGE = 10;

    @Test
    void aBacklogFromAnOutageIsAcceptedLateAndItsReplaysAreRefused() throws Exception {
        String site = "it-outage-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase database = TestDatabase.createMigrated();
                 // stopped, not closed, before the second starts: closing would delete the topics the second reads
                 VigilTestApp first = new VigilTestApp().withDatabase(database).forSites(site)) {
            DeviceSigner twoMinutes = TestSites.enroll(database.config(), site, SignatureAlgorithm.EDDSA);
            DeviceSigner thirtyMinutes = twoMinutes.forDevice("panel-30m");
            String clientId = first.properties().get("vigil.mqtt.client-id");
            String accepted = first.topic("accepted");
            String quarantine = first.topic("quarantine");
            first.start(); // creates the persistent session; the outage begins when it stops
            first.stop();

            Instant now = Instant.now();
            Map<String, Long> issuedBefore = new HashMap<>();
            List<byte[]> backlog = new ArrayList<>();
            for (int i = 0; i < PER_OUTAGE; i++) {
                backlog.add(alarm(twoMinutes, now.minus(Duration.ofMinutes(2)).plusSeconds(i), i, issuedBefore));
                backlog.add(alarm(thirtyMinutes, now.minus(Duration.ofMinutes(30)).plusSeconds(i), i, issuedBefore));
            }
            // a captured old envelope: below the device's high water mark, an id never seen
            Claims newest = thirtyMinutes.claims(CID, body(0), now.minus(Duration.ofMinutes(30)));
            byte[] old = thirtyMinutes.sign(Encoding.JWS, Claims.of(site, thirtyMinutes.device(), newest.seq() - 1_000,
                    now.minus(Duration.ofMinutes(31)), "captured-" + UUID.randomUUID(), CID, body(99)));
            try (SiteConnection connection = SiteClient.connect(site)) {
                publishAll(connection, backlog, twoMinutes, thirtyMinutes);
                connection.publishAndWait(thirtyMinutes.topic(), old);
            }

            // a short freshness window keeps the test quick: ids are forgotten 5 s (+2) after acceptance
            try (VigilTestApp second = new VigilTestApp().withDatabase(database).forSites(site)
                         .with("vigil.mqtt.client-id", clientId)
                         .with("vigil.kafka.topic.accepted", accepted)
                         .with("vigil.kafka.topic.quarantine", quarantine)
                         .with("vigil.trust.freshness.max-age", "5s")
                         .start();
                 KafkaTopicReader acceptedReader = new KafkaTopicReader(accepted);
                 KafkaTopicReader quarantineReader = new KafkaTopicReader(quarantine)) {
                var records = acceptedReader.pollUntil(r -> r.size() >= backlog.size(), Duration.ofSeconds(60));
                Instant acceptedAt = Instant.now();
                assertThat(records).hasSize(backlog.size());
                for (ConsumerRecord<String, byte[]> record : records) {
                    String mid = KafkaTopicReader.header(record, SignalHeaders.MESSAGE_ID);
                    long lateMs = Long.parseLong(KafkaTopicReader.header(record, SignalHeaders.LATE_MS));
                    long receivedAfterPublish = Duration.between(now,
                            Instant.parse(KafkaTopicReader.header(record, SignalHeaders.RECEIVED_AT))).toMillis();
                    assertThat(lateMs).as(mid).isBetween(issuedBefore.get(mid), issuedBefore.get(mid) + receivedAfterPublish);
                    assertThat(KafkaTopicReader.header(record, SignalHeaders.DUPLICATE)).isEqualTo("false");
                }
                // late alarms open incidents like any other: every one is linked to one
                try (Connection db = DriverManager.getConnection(database.config().url(), database.config().appUser(),
                        database.config().appPassword())) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> DuplicateDeliveryIT.linkedEvents(db, site) >= backlog.size());
                    assertThat(DuplicateDeliveryIT.linkedEvents(db, site)).isEqualTo(backlog.size());
                }
                var refused = quarantineReader.pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(30));
                assertThat(refused).hasSize(1);
                assertThat(QuarantineRecord.fromJson(refused.get(0).value()).reason()).isEqualTo("stale");
                assertThat(QuarantineRecord.fromJson(refused.get(0).value()).payload()).isEqualTo(old);

                // the same envelopes again, once their ids are forgotten: refused by their sequence numbers
                await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(acceptedAt.plusSeconds(8)));
                try (SiteConnection connection = SiteClient.connect(site)) {
                    publishAll(connection, backlog, twoMinutes, thirtyMinutes);
                }
                var all = quarantineReader.pollUntil(r -> r.size() > backlog.size(), Duration.ofSeconds(60));
                assertThat(all.subList(1, all.size())).hasSize(backlog.size())
                        .allSatisfy(r -> assertThat(QuarantineRecord.fromJson(r.value()).reason()).isEqualTo("replay"));
                assertThat(acceptedReader.poll()).hasSize(backlog.size());
            }
        }
    }

    /** The backlog alternates between the two devices, each on its own topic. */
    private static void publishAll(SiteConnection connection, List<byte[]> backlog, DeviceSigner even, DeviceSigner odd)
            throws Exception {
        for (int i = 0; i < backlog.size(); i++) {
            connection.publishAndWait((i % 2 == 0 ? even : odd).topic(), backlog.get(i));
        }
    }

    private static byte[] alarm(DeviceSigner device, Instant issuedAt, int zone, Map<String, Long> issuedBefore) {
        Claims claims = device.claims(CID, body(zone), issuedAt);
        issuedBefore.put(claims.messageId(), Duration.between(issuedAt, Instant.now()).toMillis());
        return device.sign(Encoding.JWS, claims);
    }

    private static byte[] body(int zone) {
        return String.format("1234 18 1130 01 %03d", zone + 1).getBytes(StandardCharsets.US_ASCII);
    }
}
