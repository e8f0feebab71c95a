package io.vigil.escalation;

import static io.vigil.escalation.EventFeed.event;
import static io.vigil.escalation.EventFeed.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventJson;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.MutableClock;
import io.vigil.testing.ServiceControl;
import io.vigil.testing.VigilTestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Restarts: of the receiver (supervision state, reconciliation with incidents) and of PostgreSQL mid-stream. */
class EscalationRestartIT {

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final String prefix = "rst-" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aRestartedReceiverRaisesNoFalseFailuresKeepsRealOnesAndReconcilesIncidents() throws Exception {
        String silent = prefix + "-silent";
        String healthy = prefix + "-healthy";
        String lost = prefix + "-lost";
        try (VigilTestApp app = supervisedApp(); EventFeed feed = new EventFeed()) {
            app.start();
            enroll(app, silent, 5);
            enroll(app, healthy, 60);
            enroll(app, lost, 5);
            await().atMost(Duration.ofSeconds(20)).until(() -> supervised(app, silent) && supervised(app, healthy)
                    && supervised(app, lost));
            clock.advance(Duration.ofSeconds(7)); // silent and lost miss their 5 s + 1 s
            await().atMost(Duration.ofSeconds(10)).until(() -> openComms(app, silent) == 1 && openComms(app, lost) == 1);
            feed.send(app.topic("heartbeat"), heartbeat(healthy, clock.instant()));
            await().atMost(Duration.ofSeconds(20)).until(() -> app.application().supervision().engine().status(healthy)
                    .orElseThrow().lastHeartbeat().isPresent());
            app.stop(); // writes the snapshot

            // while it was down: lost's incident vanished (as if the crash came before its commit)
            owner(app, "DELETE FROM incident_events WHERE site_id = ?", lost);
            owner(app, "DELETE FROM incident_outbox WHERE site_id = ?", lost);
            owner(app, "DELETE FROM incidents WHERE site_id = ?", lost);
            clock.advance(Duration.ofSeconds(50)); // healthy's last heartbeat is now 50 s old

            app.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> openComms(app, lost) == 1);
            clock.advance(Duration.ofSeconds(30));
            app.awaitSupervisionAt(clock.instant());
            // healthy keeps its 60 s contract from the restart on: no false failure from the outage
            assertThat(openComms(app, healthy)).isZero();
            assertThat(count(app, "SELECT count(*) FROM incidents WHERE site_id = ?", silent))
                    .as("silent stays in failure, not reported again").isEqualTo(1);

            feed.send(app.topic("heartbeat"), heartbeat(silent, clock.instant()));
            await().atMost(Duration.ofSeconds(20)).until(() -> openComms(app, silent) == 0);
            clock.advance(Duration.ofSeconds(32)); // healthy silent for 61 s + grace since the restart
            await().atMost(Duration.ofSeconds(10)).until(() -> openComms(app, healthy) == 1);
        }
    }

    @Test
    void postgresqlRestartedMidStreamLosesAndDuplicatesNothing() throws Exception {
        int sites = 150;
        List<CanonicalEvent> events = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Instant t = clock.instant();
        for (int i = 0; i < 3000; i++) {
            String site = prefix + "-" + (i % sites);
            EventCategory category = i % 3 == 0 ? EventCategory.FIRE : EventCategory.BURGLARY;
            events.add(event(site, EventClass.ALARM, category, String.format("%03d", i % 40), t.plusMillis(i)));
            keys.add(site + "/" + category.wireName());
        }
        try (VigilTestApp app = new VigilTestApp().forSites("restart-it-nobody").withEscalationClock(clock)
                .with("vigil.supervision.enabled", "false").with("vigil.escalation.batch-size", "100")
                .with("vigil.retry.max-delay-ms", "4000");
             EventFeed feed = new EventFeed()) {
            app.start();
            feed.send(app.topic("alarm"), events.subList(0, 1000));
            await().atMost(Duration.ofSeconds(30)).until(() -> linked(app) > 0);
            ServiceControl.stop("postgresql");
            try {
                feed.send(app.topic("alarm"), events.subList(1000, 3000));
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        app.application().camelContext().getInflightRepository().size("escalation") > 0);
            } finally {
                ServiceControl.start("postgresql");
            }
            feed.send(app.topic("alarm"), events.subList(0, 500)); // and a replay on top

            await().atMost(Duration.ofSeconds(180)).until(() -> linked(app) == 3000);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(app,
                    "SELECT count(*) FROM incident_outbox WHERE site_id LIKE ? AND published_at IS NULL", prefix + "%") == 0);
            assertThat(count(app, "SELECT count(*) FROM incidents WHERE site_id LIKE ?", prefix + "%")).isEqualTo(keys.size());
            assertThat(count(app, "SELECT sum(event_count) FROM incidents WHERE site_id LIKE ?", prefix + "%")).isEqualTo(3000);
            assertThat(count(app, "SELECT count(*) FROM incident_outbox WHERE site_id LIKE ? AND change = 'opened'",
                    prefix + "%")).isEqualTo(keys.size());

            Set<String> outbox = changeIds(app);
            KafkaTopicReader reader = new KafkaTopicReader(app.topic("incidents"));
            try (reader) {
                List<String> published = reader.pollUntil(records -> ids(records).containsAll(outbox), Duration.ofSeconds(60))
                        .stream().map(EscalationRestartIT::changeId).toList();
                assertThat(new HashSet<>(published)).isEqualTo(outbox);
            }
        }
    }

    private VigilTestApp supervisedApp() {
        return new VigilTestApp().forSites("restart-it-nobody").withEscalationClock(clock)
                .with("vigil.supervision.grace", "1s")
                .with("vigil.supervision.registry-refresh-ms", "200");
    }

    private static boolean supervised(VigilTestApp app, String site) {
        return app.application().supervision().engine().status(site).isPresent();
    }

    private static long openComms(VigilTestApp app, String site) {
        return count(app, "SELECT count(*) FROM incidents WHERE site_id = ? AND category = 'comms'"
                + " AND state IN ('new', 'acknowledged', 'in_progress')", site);
    }

    private long linked(VigilTestApp app) {
        return count(app, "SELECT count(*) FROM incident_events WHERE site_id LIKE ?", prefix + "%");
    }

    private Set<String> changeIds(VigilTestApp app) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = connect(app);
             PreparedStatement s = c.prepareStatement("SELECT change_id FROM incident_outbox WHERE site_id LIKE ?")) {
            s.setString(1, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private Set<String> ids(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(changeId(r)));
        return ids;
    }

    private static String changeId(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode node = EventJson.MAPPER.readTree(record.value());
            return node.get("change_id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void enroll(VigilTestApp app, String siteId, int intervalSeconds) throws Exception {
        try (Connection c = connect(app)) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sites (id, name) VALUES (?, 'restart test')")) {
                s.setString(1, siteId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO site_supervision (site_id, interval_seconds) VALUES (?, ?)")) {
                s.setString(1, siteId);
                s.setInt(2, intervalSeconds);
                s.executeUpdate();
            }
        }
    }

    private static void owner(VigilTestApp app, String sql, String site) throws Exception {
        var db = app.database();
        try (Connection c = DriverManager.getConnection(db.url(), db.ownerUser(), db.ownerPassword());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, site);
            s.executeUpdate();
        }
    }

    private static long count(VigilTestApp app, String sql, String parameter) {
        try (Connection c = connect(app); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(VigilTestApp app) throws Exception {
        var db = app.database();
        return DriverManager.getConnection(db.url(), db.appUser(), db.appPassword());
    }
}
