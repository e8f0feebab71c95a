package io.vigil.automation.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.automation.site.SiteRecord;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.db.Database;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.Signal;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schedule exceptions become incidents through the real incident engine and PostgreSQL, with an
 * injected clock across the spring DST change of Europe/London (Sunday 29 March 2026) and a holiday.
 */
class ScheduleSupervisorIT {

    static TestDatabase database;
    static HikariDataSource pool;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated();
        pool = Database.appPool(database.config().withPoolSize(3), "schedule-test");
    }

    @AfterAll
    static void stop() {
        pool.close();
        database.close();
    }

    @Test
    void lateToOpenFailToCloseAndAnOpeningOnAHolidayAreIncidentsOnceEach() throws Exception {
        String site = "sched-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO sites (id) VALUES (?)")) {
            s.setString(1, site);
            s.executeUpdate();
        }
        MutableClock clock = MutableClock.at("2026-03-29T06:00:00Z");
        new SiteRecordStore(pool).replace(site, new SiteRecord.Set(new SiteRecord.Basics(null, null, null, "Europe/London", null, null),
                List.of(), List.of(), List.of(), List.of(), List.of()), "test", clock.instant());
        Map<DayOfWeek, List<OpeningSchedule.Window>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new OpeningSchedule.Window(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        ScheduleStore store = new ScheduleStore(pool);
        assertThat(store.put(site, new ScheduleStore.Stored("Europe/London", Duration.ofMinutes(15), Duration.ofMinutes(15), week,
                List.of(new OpeningSchedule.DayOverride(LocalDate.of(2026, 3, 30), List.of(), "Bank holiday"))),
                "test", clock.instant())).isTrue();
        IncidentEngine engine = new IncidentEngine(pool, EscalationPolicyLoader.load(Path.of("config/escalation-policy.yaml")), clock);
        ScheduleSupervisor supervisor = new ScheduleSupervisor(store, engine, clock, Duration.ZERO);

        clock.set(Instant.parse("2026-03-29T08:14:00Z")); // 09:14 BST: still within the grace
        assertThat(supervisor.check()).isZero();
        clock.set(Instant.parse("2026-03-29T08:16:00Z")); // 09:16 BST; by GMT arithmetic nothing would be due yet
        assertThat(supervisor.check()).isEqualTo(1);
        assertThat(supervisor.check()).as("checked once").isZero();
        assertThat(incidents(site)).containsExactly("late_to_open/3");

        store.record(List.of(report(site, "2026-03-29T08:40:00Z", true, "004")));
        clock.set(Instant.parse("2026-03-29T16:16:00Z")); // 17:16 BST, the site still open
        assertThat(supervisor.check()).isEqualTo(1);
        assertThat(incidents(site)).containsExactly("late_to_open/3", "fail_to_close/2");
        assertThat(users(site, "fail_to_close")).containsExactly("004");

        // Monday is a holiday: no late-to-open; an opening on it is outside the schedule
        store.record(List.of(report(site, "2026-03-29T16:30:00Z", false, "004"),
                report(site, "2026-03-30T10:00:00Z", true, "009")));
        clock.set(Instant.parse("2026-03-30T12:00:00Z"));
        assertThat(supervisor.check()).isEqualTo(1);
        assertThat(incidents(site)).containsExactly("late_to_open/3", "fail_to_close/2", "unscheduled_open/2");
        assertThat(users(site, "unscheduled_open")).containsExactly("009");
    }

    private static Signal report(String site, String at, boolean open, String user) {
        return new Signal(UUID.randomUUID(), site, null, open ? EventClass.OPEN : EventClass.CLOSE, EventCategory.ARMING,
                null, "401", null, "1", user, 5, open ? "Opening" : "Closing", Instant.parse(at), Instant.parse(at),
                Signal.Source.EVENT);
    }

    private static List<String> incidents(String site) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT category, priority FROM incidents WHERE site_id = ? ORDER BY opened_at")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + "/" + rs.getInt(2));
                }
            }
        }
        return found;
    }

    private static List<String> users(String site, String category) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT user_id FROM incident_events WHERE site_id = ? AND category = ?")) {
            s.setString(1, site);
            s.setString(2, category);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
