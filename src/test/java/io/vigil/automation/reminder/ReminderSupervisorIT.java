package io.vigil.automation.reminder;

import static io.vigil.escalation.Signals.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.audit.AuditEntry;
import io.vigil.db.Database;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.IncidentQuery;
import io.vigil.escalation.IncidentService;
import io.vigil.escalation.IncidentState;
import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.normalize.EventCategory;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * An acknowledged fire not resolved reminds its operator after 5 minutes and goes to the
 * supervisors after 10 (config/escalation-policy.yaml), each once, on the consoles' channel.
 */
class ReminderSupervisorIT {

    @Test
    void eachTierIsToldOnceWhenItsTimeHasComeAndAResolvedIncidentTellsNobody() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated();
             HikariDataSource pool = Database.appPool(database.config().withPoolSize(3), "reminder-test");
             Connection listener = DriverManager.getConnection(database.config().url(), database.config().appUser(),
                     database.config().appPassword())) {
            String channel = "vigil_reminder_test";
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + channel);
            }
            EscalationPolicy policy = EscalationPolicyLoader.load(Path.of("config/escalation-policy.yaml"));
            MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");
            IncidentEngine engine = new IncidentEngine(pool, policy, clock);
            IncidentService service = new IncidentService(pool, policy, clock);
            List<AuditEntry> audited = new ArrayList<>();
            ReminderSupervisor reminders = new ReminderSupervisor(pool, policy.reminders(), clock, channel, audited::add);

            Instant t0 = clock.instant();
            engine.process(List.of(alarm("rem-fire", EventCategory.FIRE, "1", t0), alarm("rem-burg", EventCategory.BURGLARY, "1", t0)));
            UUID fire = open(service, "rem-fire");
            UUID burglary = open(service, "rem-burg");
            service.acknowledge(fire, "ann", "on it");
            service.acknowledge(burglary, "bob", "on it");
            service.resolve(burglary, "bob", "false alarm");

            clock.set(t0.plus(Duration.ofMinutes(4)));
            assertThat(reminders.check()).isEmpty();
            clock.set(t0.plus(Duration.ofMinutes(5)));
            assertThat(reminders.check()).singleElement().satisfies(r -> {
                assertThat(r.incidentId()).isEqualTo(fire);
                assertThat(r.tier()).isEqualTo(1);
                assertThat(r.told()).isEqualTo("ann");
            });
            assertThat(reminders.check()).as("once").isEmpty();
            clock.set(t0.plus(Duration.ofMinutes(10)));
            assertThat(reminders.check()).singleElement().satisfies(r -> assertThat(r.told()).isEqualTo("supervisors"));
            clock.set(t0.plus(Duration.ofHours(5)));
            assertThat(reminders.check()).as("every tier told; the resolved burglary never").isEmpty();

            // getNotifications returns as soon as one has come: gather until both have (or fail after the wait)
            List<PGNotification> received = new ArrayList<>();
            org.awaitility.Awaitility.await("both reminders notified").atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(200);
                if (batch != null) {
                    received.addAll(List.of(batch));
                }
                return received.size() >= 2;
            });
            PGNotification[] notes = received.toArray(new PGNotification[0]);
            assertThat(notes).hasSize(2);
            assertThat(notes[0].getParameter()).contains("\"change\":\"reminder\"").contains("\"told\":\"ann\"");
            assertThat(notes[1].getParameter()).contains("\"told\":\"supervisors\"");
            assertThat(audited).extracting(AuditEntry::kind).containsExactly("incident.reminded", "incident.reminded");
        }
    }

    private static UUID open(IncidentService service, String site) {
        return service.queue(new IncidentQuery(EnumSet.of(IncidentState.NEW), site, Set.of(), Set.of(), 10)).get(0).id();
    }
}
