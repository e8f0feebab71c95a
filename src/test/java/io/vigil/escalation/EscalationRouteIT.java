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
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.VigilTestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The escalation route in the real receiver, against Kafka and PostgreSQL: canonical events in,
 * incidents in PostgreSQL and on the incidents topic out; heartbeat supervision on an injected clock.
 */
class EscalationRouteIT {

    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    static VigilTestApp app;
    static EventFeed feed;
    static KafkaTopicReader incidents;

    final String site = "esc-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        app = new VigilTestApp().forSites("escalation-it-nobody").withEscalationClock(CLOCK)
                .with("vigil.supervision.grace", "1s")
                .with("vigil.supervision.registry-refresh-ms", "200")
                .with("vigil.escalation.timer-period-ms", "200")
                .start();
        feed = new EventFeed();
        incidents = new KafkaTopicReader(app.topic("incidents"));
    }

    @AfterAll
    static void stop() {
        incidents.close();
        feed.close();
        app.close();
    }

    @Test
    void alarmsBecomeOneIncidentPublishedWithItsChangesAndAReplayAddsNothing() throws Exception {
        Instant t = CLOCK.instant();
        CanonicalEvent first = event(site, EventClass.ALARM, EventCategory.BURGLARY, "001", t);
        CanonicalEvent second = event(site, EventClass.ALARM, EventCategory.BURGLARY, "002", t.plusSeconds(2));
        feed.send(app.topic("alarm"), first, second);
        feed.send(app.topic("security"), event(site, EventClass.SECURITY, EventCategory.ACCESS, null, t));
        feed.send(app.topic("alarm"), event(site, EventClass.OPEN, EventCategory.ARMING, null, t));

        await().atMost(Duration.ofSeconds(30)).until(() -> scalar("SELECT count(*) FROM incident_events WHERE site_id = ?") == 3);
        assertThat(scalar("SELECT count(*) FROM incidents WHERE site_id = ?")).as("burglary and access").isEqualTo(2);
        assertThat(scalar("SELECT count(*) FROM incidents WHERE site_id = ? AND category = 'burglary' AND confirmed"))
                .as("two zones within the window").isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(site), r -> r.stream().anyMatch(x -> change(x).equals("confirmed"))
                        && scalar("SELECT count(*) FROM incident_outbox WHERE site_id = ? AND published_at IS NULL") == 0);
        ConsumerRecord<String, byte[]> opened = records.stream().filter(r -> change(r).equals("opened")).findFirst().orElseThrow();
        assertThat(opened.key()).isEqualTo(site);
        assertThat(KafkaTopicReader.header(opened, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaTopicReader.header(opened, "ce_source")).isEqualTo("vigil://incidents");
        assertThat(KafkaTopicReader.header(opened, "ce_type")).isEqualTo("io.vigil.incident.opened.v1");
        assertThat(KafkaTopicReader.header(opened, "content-type")).isEqualTo("application/json");
        JsonNode value = json(opened);
        assertThat(KafkaTopicReader.header(opened, "ce_id")).isEqualTo(value.get("change_id").asText());
        assertThat(KafkaTopicReader.header(opened, "ce_time")).isEqualTo(value.get("changed_at").asText());
        long published = scalar("SELECT count(*) FROM incident_outbox WHERE site_id = ?");
        assertThat(audit("incident.opened")).isEqualTo(2);

        feed.send(app.topic("alarm"), first, second); // redelivered upstream
        CanonicalEvent third = event(site, EventClass.ALARM, EventCategory.BURGLARY, "001", t.plusSeconds(3));
        feed.send(app.topic("alarm"), third);
        await().atMost(Duration.ofSeconds(30)).until(() -> scalar("SELECT count(*) FROM incident_events WHERE site_id = ?") == 4);
        await().atMost(Duration.ofSeconds(30)).until(() -> scalar(
                "SELECT count(*) FROM incident_outbox WHERE site_id = ? AND published_at IS NULL") == 0);
        assertThat(scalar("SELECT count(*) FROM incident_outbox WHERE site_id = ?")).as("only the third event's change")
                .isEqualTo(published + 1);
        assertThat(scalar("SELECT count(*) FROM incidents WHERE site_id = ?")).isEqualTo(2);
        // offsets are committed asynchronously after each batch's transaction
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffsets(app.topic("alarm")) >= 6);
    }

    private static long committedOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(TestEnvironment.get().kafkaClient())) {
            return admin.listConsumerGroupOffsets(app.properties().get("vigil.escalation.group-id"))
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    @Test
    void aSiteThatMissesItsHeartbeatDeadlineGetsACommsIncidentThatItsNextHeartbeatResolves() throws Exception {
        enroll(site, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> app.application().supervision().engine().status(site).isPresent());
        feed.send(app.topic("heartbeat"), heartbeat(site, CLOCK.instant()));
        await().atMost(Duration.ofSeconds(20)).until(() -> app.application().supervision().engine().status(site)
                .orElseThrow().lastHeartbeat().isPresent());

        CLOCK.advance(Duration.ofSeconds(4));
        Instant testReport = CLOCK.instant();
        feed.send(app.topic("alarm"), event(site, EventClass.TEST, EventCategory.TEST, null, testReport));
        await().atMost(Duration.ofSeconds(20)).until(() -> app.application().supervision().engine().status(site)
                .orElseThrow().lastHeartbeat().orElseThrow().equals(testReport));
        CLOCK.advance(Duration.ofSeconds(4));
        app.awaitSupervisionAt(CLOCK.instant());
        // any message is a sign of life: the test report 4 s ago keeps the site alive
        assertThat(scalar("SELECT count(*) FROM incidents WHERE site_id = ? AND category = 'comms'")).isZero();

        CLOCK.advance(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> scalar(
                "SELECT count(*) FROM incidents WHERE site_id = ? AND category = 'comms' AND state = 'new'"
                        + " AND supervision_missed_at IS NOT NULL") == 1);

        CLOCK.advance(Duration.ofSeconds(30));
        app.awaitSupervisionAt(CLOCK.instant());
        assertThat(scalar("SELECT count(*) FROM incidents WHERE site_id = ? AND category = 'comms'"))
                .as("reported once").isEqualTo(1);

        feed.send(app.topic("heartbeat"), heartbeat(site, CLOCK.instant()));
        await().atMost(Duration.ofSeconds(20)).until(() -> scalar(
                "SELECT count(*) FROM incidents WHERE site_id = ? AND category = 'comms' AND state = 'resolved'"
                        + " AND resolved_by = 'system' AND supervision_missed_at IS NULL") == 1);
        assertThat(scalar("SELECT count(*) FROM incident_events WHERE site_id = ? AND source = 'supervision'")).isEqualTo(2);
    }

    @Test
    void anUnacknowledgedFireEscalatesOnTheInjectedClockAndEachStepIsPublished() throws Exception {
        feed.send(app.topic("alarm"), event(site, EventClass.ALARM, EventCategory.FIRE, "003", CLOCK.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> scalar("SELECT count(*) FROM incidents WHERE site_id = ?") == 1);
        Duration after = app.application().incidents().openQueue(1000).stream().filter(i -> i.siteId().equals(site))
                .findFirst().map(i -> Duration.between(i.openedAt(), i.nextEscalationAt())).orElseThrow();

        CLOCK.advance(after);
        await().atMost(Duration.ofSeconds(10)).until(() -> scalar(
                "SELECT max(escalation_level) FROM incidents WHERE site_id = ?") == 1);
        CLOCK.advance(after);
        await().atMost(Duration.ofSeconds(10)).until(() -> scalar(
                "SELECT max(escalation_level) FROM incidents WHERE site_id = ?") == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(site).stream()
                .filter(r -> change(r).equals("escalated")).count() == 2);
    }

    private static void enroll(String siteId, int intervalSeconds) throws Exception {
        try (Connection c = connect()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sites (id, name) VALUES (?, 'escalation test')")) {
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

    private List<ConsumerRecord<String, byte[]>> recordsOf(String siteId) {
        return incidents.poll().stream().filter(r -> siteId.equals(r.key())).toList();
    }

    private static String change(ConsumerRecord<String, byte[]> record) {
        return json(record).get("change").asText();
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return EventJson.MAPPER.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long audit(String kind) throws Exception {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_log WHERE site_id = ? AND kind = ?")) {
            s.setString(1, site);
            s.setString(2, kind);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long scalar(String sql) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws Exception {
        var db = app.database();
        return DriverManager.getConnection(db.url(), db.appUser(), db.appPassword());
    }
}
