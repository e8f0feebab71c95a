package io.vigil.automation.sitetest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.automation.AutomationReports;
import io.vigil.automation.schedule.ScheduleStore;
import io.vigil.db.Database;
import io.vigil.escalation.EscalationIntake;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventIds;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Periodic tests and on-test mode through the escalation intake and the real incident engine on
 * PostgreSQL, with an injected clock.
 */
class SiteTestsIT {

    static TestDatabase database;
    static HikariDataSource pool;
    static final MutableClock CLOCK = MutableClock.at("2026-06-01T08:00:00Z");
    static SiteTestStore tests;
    static IncidentEngine engine;
    static EscalationIntake intake;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.createMigrated();
        pool = Database.appPool(database.config().withPoolSize(3), "site-tests-test");
        tests = new SiteTestStore(pool);
        engine = new IncidentEngine(pool, EscalationPolicyLoader.load(Path.of("config/escalation-policy.yaml")), CLOCK);
        intake = new EscalationIntake(engine, null, Duration.ofSeconds(5),
                new AutomationReports(new ScheduleStore(pool), tests));
    }

    @AfterAll
    static void stop() {
        pool.close();
        database.close();
    }

    private static String newSite() throws Exception {
        String site = "test-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO sites (id) VALUES (?)")) {
            s.setString(1, site);
            s.executeUpdate();
        }
        return site;
    }

    private static CanonicalEvent event(String site, EventClass eventClass, EventCategory category, String code, String zone,
                                        Instant at) {
        return new CanonicalEvent(CanonicalEvent.SPEC_VERSION, EventIds.eventId(site, UUID.randomUUID().toString(), 0),
                site, "panel-1", "1234", SourceFormat.CID, eventClass, category, code, true, Qualifier.EVENT, zone, "01",
                null, 2, category.wireName() + " " + eventClass.wireName(), null, at, at, "key-1",
                UUID.randomUUID().toString(), null, null, null);
    }

    private static List<String> incidents(String site) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT category, event_count FROM incidents WHERE site_id = ? ORDER BY opened_at")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + "x" + rs.getInt(2));
                }
            }
        }
        return found;
    }

    @Test
    void aMissingPeriodicTestOpensItsOwnIncidentOncePerDeadline() throws Exception {
        String site = newSite();
        Instant t0 = CLOCK.instant();
        TestSupervisor supervisor = new TestSupervisor(tests, engine, CLOCK, Duration.ZERO);
        assertThat(tests.putInterval(site, Duration.ofHours(1), Duration.ofMinutes(5), "test", t0)).isTrue();
        intake.accept(List.of(event(site, EventClass.TEST, EventCategory.TEST, "602", "000", t0.plus(Duration.ofMinutes(30)))));
        assertThat(tests.interval(site).orElseThrow().nextDueAt()).isEqualTo(t0.plus(Duration.ofMinutes(95)));

        CLOCK.set(t0.plus(Duration.ofMinutes(94)));
        supervisor.check();
        assertThat(incidents(site)).isEmpty();
        CLOCK.set(t0.plus(Duration.ofMinutes(96)));
        supervisor.check();
        supervisor.check();
        assertThat(incidents(site)).containsExactly("test_missedx1");
        // heartbeats (or any other event) are no test: the next deadline still counts from the last test
        intake.accept(List.of(event(site, EventClass.HEARTBEAT, EventCategory.SUPERVISION, "000", null, CLOCK.instant())));
        assertThat(tests.interval(site).orElseThrow().lastTestAt()).isEqualTo(t0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void signalsOfZonesOnTestOpenNoIncidentAreKeptAsTestTrafficAndTheModeEndsByItself() throws Exception {
        String site = newSite();
        Instant t0 = CLOCK.instant();
        tests.start(site, List.of("3"), t0, t0.plus(Duration.ofHours(1)), "detector replacement", "operator-1").orElseThrow();

        intake.accept(List.of(event(site, EventClass.ALARM, EventCategory.FIRE, "110", "003", t0.plus(Duration.ofMinutes(10)))));
        assertThat(incidents(site)).as("zone 3 is on test").isEmpty();
        assertThat(tests.traffic(site, 10)).singleElement().satisfies(t -> {
            assertThat(t.zone()).isEqualTo("003");
            assertThat(t.category()).isEqualTo("fire");
        });
        intake.accept(List.of(event(site, EventClass.ALARM, EventCategory.BURGLARY, "130", "4", t0.plus(Duration.ofMinutes(11)))));
        assertThat(incidents(site)).as("zone 4 is not").containsExactly("burglaryx1");

        intake.accept(List.of(event(site, EventClass.ALARM, EventCategory.FIRE, "110", "3", t0.plus(Duration.ofMinutes(61)))));
        assertThat(incidents(site)).as("after its end the zone reports again").containsExactly("burglaryx1", "firex1");
    }

    @Test
    void aWholeSiteOnTestCanBeEndedEarly() throws Exception {
        String site = newSite();
        Instant t0 = CLOCK.instant();
        tests.start(site, List.of(), t0, t0.plus(Duration.ofHours(4)), "service visit", "operator-1").orElseThrow();
        intake.accept(List.of(event(site, EventClass.ALARM, EventCategory.PANIC, "120", null, t0.plus(Duration.ofMinutes(1)))));
        assertThat(incidents(site)).isEmpty();
        assertThat(tests.active(site, t0.plus(Duration.ofMinutes(2)))).hasSize(1);
        assertThat(tests.end(site, t0.plus(Duration.ofMinutes(2)), "operator-1")).isEqualTo(1);
        assertThat(tests.active(site, t0.plus(Duration.ofMinutes(3)))).isEmpty();
        intake.accept(List.of(event(site, EventClass.ALARM, EventCategory.PANIC, "120", null, t0.plus(Duration.ofMinutes(3)))));
        assertThat(incidents(site)).containsExactly("panicx1");
    }
}
