package io.vigil.escalation;

import static io.vigil.escalation.Signals.alarm;
import static io.vigil.escalation.Signals.restore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.db.Database;
import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventJson;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The incident engine, timers and operator service against PostgreSQL (no Kafka). */
class IncidentEngineIT {

    static final EscalationPolicy POLICY = EscalationPolicyLoader.load(Path.of("config/escalation-policy.yaml"));
    static TestDatabase database;
    static HikariDataSource pool;

    final MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
    final IncidentEngine engine = new IncidentEngine(pool, POLICY, clock);
    final IncidentService service = new IncidentService(pool, POLICY, clock);
    final String site = "site-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void database() {
        database = TestDatabase.createMigrated();
        pool = Database.appPool(database.config(), "escalation-it");
    }

    @AfterAll
    static void drop() {
        pool.close();
        database.close();
    }

    /**
     * When a partition moves to another consumer mid-batch (a rebalance, `vigil.escalation.consumers` above 1),
     * two transactions hold the same events at once. Each event must still count once in its incident.
     */
    @Test
    void theSameEventsInTwoConcurrentBatchesAreCountedOnce() throws Exception {
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            Instant t = clock.instant();
            for (int round = 0; round < 40; round++) {
                List<Signal> batch = new java.util.ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    batch.add(alarm(site, EventCategory.BURGLARY, String.format("%03d", round * 5 + i), t.plusMillis(round * 5L + i)));
                }
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Callable<IncidentEngine.Outcome> consumer = () -> {
                    together.await();
                    return engine.process(batch);
                };
                var a = two.submit(consumer);
                var b = two.submit(consumer);
                assertThat(a.get().linked() + b.get().linked()).as("round " + round).isEqualTo(5);
            }
            assertThat(count("SELECT count(*) FROM incident_events WHERE site_id = ?")).isEqualTo(200);
            assertThat(count("SELECT coalesce(sum(event_count), 0) FROM incidents WHERE site_id = ?"))
                    .as("events counted into incidents").isEqualTo(200);
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aReplayedBatchChangesNothingAndLinksEveryEventOnce() throws Exception {
        Instant t = clock.instant();
        List<Signal> batch = List.of(alarm(site, EventCategory.BURGLARY, "001", t),
                alarm(site, EventCategory.BURGLARY, "002", t.plusSeconds(1)), alarm(site, EventCategory.FIRE, "009", t));

        IncidentEngine.Outcome first = engine.process(batch);
        IncidentEngine.Outcome replay = engine.process(batch);
        IncidentEngine.Outcome replayWithinOneBatch = engine.process(List.of(batch.get(0), batch.get(0)));

        assertThat(first.linked()).isEqualTo(3);
        assertThat(replay.replayed()).isEqualTo(3);
        assertThat(replay.changes()).isZero();
        assertThat(replayWithinOneBatch.changes()).isZero();
        assertThat(count("SELECT count(*) FROM incidents WHERE site_id = ?")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM incident_events WHERE site_id = ?")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM incident_outbox WHERE site_id = ?")).isEqualTo(first.changes());
    }

    @Test
    void concurrentBatchesOfTheSameSiteAndCategoryOpenOneIncident() throws Exception {
        Instant t = clock.instant();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Signal signal = alarm(site, EventCategory.PANIC, "00" + i, t.plusMillis(i));
                results.add(threads.submit(() -> {
                    start.await();
                    // a writer that lost the race gets a retriable failure; the retry joins the incident
                    for (int attempt = 0; ; attempt++) {
                        try {
                            return engine.process(List.of(signal));
                        } catch (EscalationException e) {
                            assertThat(e.retriable()).isTrue();
                            assertThat(attempt).isLessThan(5);
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM incidents WHERE site_id = ?")).isEqualTo(1);
        assertThat(count("SELECT sum(event_count) FROM incidents WHERE site_id = ?")).isEqualTo(4);
    }

    @Test
    void everyChangeIsAnOutboxRowAndANotifyInTheSameTransaction() throws Exception {
        DatabaseListener listener = new DatabaseListener();
        try {
            engine.process(List.of(alarm(site, EventCategory.FIRE, "004", clock.instant())));

            List<PGNotification> notes = listener.await(1);
            JsonNode payload = EventJson.MAPPER.readTree(notes.get(0).getParameter());
            assertThat(notes.get(0).getName()).isEqualTo("vigil_incidents");
            assertThat(payload.get("change").asText()).isEqualTo("opened");
            assertThat(payload.get("site_id").asText()).isEqualTo(site);
            UUID incidentId = UUID.fromString(payload.get("incident_id").asText());

            JsonNode record = outboxRecord(incidentId, 1);
            assertThat(record.get("spec_version").asText()).isEqualTo("1");
            assertThat(record.get("change_id").asText()).isEqualTo(payload.get("change_id").asText());
            assertThat(record.get("category").asText()).isEqualTo("fire");
            assertThat(record.get("priority").asInt()).isEqualTo(1);
            assertThat(record.get("state").asText()).isEqualTo("new");
            assertThat(record.get("title").asText()).isEqualTo("Fire at " + site);
            assertThat(record.get("zones").get(0).asText()).isEqualTo("004");
            assertThat(record.get("event_count").asInt()).isEqualTo(1);
            for (String field : List.of("changed_at", "incident_id", "site_id", "escalation_level", "confirmed", "runaway",
                    "opened_at", "first_event_at", "last_event_at", "last_event_id")) {
                assertThat(record.has(field)).as(field).isTrue();
            }
        } finally {
            listener.close();
        }
    }

    @Test
    void unacknowledgedIncidentsEscalateStepByStepOnTheStoredTimersAndStopWhenAcknowledged() throws Exception {
        EscalationTimers timers = new EscalationTimers(pool, POLICY, clock, 100);
        engine.process(List.of(alarm(site, EventCategory.FIRE, "001", clock.instant())));
        UUID id = service.openQueue(1000).stream().filter(i -> i.siteId().equals(site)).findFirst().orElseThrow().id();
        Duration after = POLICY.timer(1).after();

        clock.advance(after.minusSeconds(1));
        timers.escalateDue();
        assertThat(incident(id).escalationLevel()).as("not due yet").isZero();

        clock.advance(Duration.ofSeconds(1));
        timers.escalateDue();
        assertThat(incident(id).escalationLevel()).isEqualTo(1);
        clock.advance(after);
        timers.escalateDue();
        assertThat(incident(id).escalationLevel()).isEqualTo(2);
        assertThat(outboxRecord(id, incident(id).version()).get("change").asText()).isEqualTo("escalated");

        service.acknowledge(id, "op-7", "calling the keyholder");
        clock.advance(after.multipliedBy(10));
        timers.escalateDue();
        assertThat(incident(id).escalationLevel()).isEqualTo(2);
        assertThat(incident(id).nextEscalationAt()).isNull();
    }

    @Test
    void escalationStopsAfterTheConfiguredNumberOfSteps() {
        EscalationTimers timers = new EscalationTimers(pool, POLICY, clock, 100);
        engine.process(List.of(alarm(site, EventCategory.AC_LOSS, null, clock.instant())));
        UUID id = service.openQueue(1000).stream().filter(i -> i.siteId().equals(site)).findFirst().orElseThrow().id();
        for (int i = 0; i < 10; i++) {
            clock.advance(POLICY.timer(3).after());
            timers.escalateDue();
        }
        assertThat(incident(id).escalationLevel()).isEqualTo(POLICY.timer(3).steps());
        assertThat(incident(id).nextEscalationAt()).isNull();
    }

    @Test
    void operatorsWorkIncidentsWithMandatoryNotesThroughTheAllowedStates() throws Exception {
        engine.process(List.of(alarm(site, EventCategory.BURGLARY, "001", clock.instant())));
        UUID id = service.openQueue(1000).stream().filter(i -> i.siteId().equals(site)).findFirst().orElseThrow().id();

        assertThat(service.acknowledge(id, "op-1", "  ")).isInstanceOf(OperatorOutcome.Invalid.class);
        assertThat(service.acknowledge(id, "op 1\n", "ok")).isInstanceOf(OperatorOutcome.Invalid.class);
        assertThat(service.close(id, "op-1", "done")).isEqualTo(new OperatorOutcome.NotAllowed(IncidentState.NEW,
                IncidentState.CLOSED));
        assertThat(service.acknowledge(UUID.randomUUID(), "op-1", "x")).isInstanceOf(OperatorOutcome.NotFound.class);

        clock.advance(Duration.ofSeconds(20));
        assertThat(service.acknowledge(id, "op-1", "seen")).isInstanceOf(OperatorOutcome.Done.class);
        assertThat(service.startWork(id, "op-1", "guard dispatched")).isInstanceOf(OperatorOutcome.Done.class);
        assertThat(service.resolve(id, "op-2", "guard: window broken, police informed")).isInstanceOf(OperatorOutcome.Done.class);
        OperatorOutcome closed = service.close(id, "op-2", "closed'); DROP TABLE incidents; --");

        assertThat(closed).isInstanceOf(OperatorOutcome.Done.class);
        IncidentDetails details = service.incident(id).orElseThrow();
        assertThat(details.incident().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(details.incident().acknowledgedBy()).isEqualTo("op-1");
        assertThat(details.incident().acknowledgedAt()).isEqualTo(Instant.parse("2026-03-01T08:00:20Z"));
        assertThat(details.incident().closedBy()).isEqualTo("op-2");
        assertThat(details.events()).hasSize(1);
        assertThat(details.notes()).extracting(IncidentNote::change)
                .containsExactly("acknowledged", "in_progress", "resolved", "closed");
        assertThat(details.notes().get(3).note()).isEqualTo("closed'); DROP TABLE incidents; --");
        JsonNode record = outboxRecord(id, details.incident().version());
        assertThat(record.get("operator").asText()).isEqualTo("op-2");
        assertThat(record.get("note").asText()).startsWith("closed'");
        assertThat(count("SELECT count(*) FROM incidents WHERE site_id = ?")).isEqualTo(1);
    }

    @Test
    void theQueueHoldsOpenIncidentsByPriorityThenAge() {
        Instant t = clock.instant();
        engine.process(List.of(alarm(site, EventCategory.TECHNICAL, null, t)));
        clock.advance(Duration.ofSeconds(1));
        engine.process(List.of(alarm(site, EventCategory.BURGLARY, "001", t)));
        clock.advance(Duration.ofSeconds(1));
        engine.process(List.of(alarm(site, EventCategory.PANIC, null, t)));
        clock.advance(Duration.ofSeconds(1));
        engine.process(List.of(alarm(site, EventCategory.FIRE, "002", t)));
        clock.advance(Duration.ofSeconds(1));
        engine.process(List.of(restore(site, EventCategory.TECHNICAL, null, t.plusSeconds(5))));

        List<EventCategory> queue = service.openQueue(1000).stream().filter(i -> i.siteId().equals(site))
                .map(IncidentView::category).toList();
        assertThat(queue).containsExactly(EventCategory.PANIC, EventCategory.FIRE, EventCategory.BURGLARY);
    }

    @Test
    void aConsoleQueryFiltersByStateSiteCategoryAndPriorityInQueueOrderUpToItsLimit() {
        String other = site + "-o";
        Instant t = clock.instant();
        UUID burglary = open(site, EventCategory.BURGLARY, t);   // priority 2, opened first
        UUID fire = open(site, EventCategory.FIRE, t);           // 1
        UUID technical = open(site, EventCategory.TECHNICAL, t); // 3
        UUID panic = open(site, EventCategory.PANIC, t);         // 1, opened last
        UUID elsewhere = open(other, EventCategory.FIRE, t);
        service.acknowledge(panic, "op-1", "seen");
        service.acknowledge(technical, "op-1", "seen");
        service.resolve(technical, "op-1", "fixed");
        service.close(technical, "op-2", "checked");
        Set<IncidentState> notClosed = EnumSet.complementOf(EnumSet.of(IncidentState.CLOSED));

        assertThat(queue(new IncidentQuery(notClosed, site, Set.of(), Set.of(), 100))).containsExactly(fire, panic, burglary);
        assertThat(queue(new IncidentQuery(EnumSet.allOf(IncidentState.class), site, Set.of(), Set.of(), 100)))
                .containsExactly(fire, panic, burglary, technical);
        assertThat(queue(new IncidentQuery(EnumSet.of(IncidentState.CLOSED), site, Set.of(), Set.of(), 100)))
                .containsExactly(technical);
        assertThat(queue(new IncidentQuery(EnumSet.of(IncidentState.NEW), site, Set.of(), Set.of(), 100)))
                .containsExactly(fire, burglary);
        assertThat(queue(new IncidentQuery(notClosed, site, Set.of("burglary", "panic"), Set.of(), 100)))
                .containsExactly(panic, burglary);
        assertThat(queue(new IncidentQuery(notClosed, site, Set.of(), Set.of(2, 3), 100))).containsExactly(burglary);
        assertThat(queue(new IncidentQuery(notClosed, site, Set.of("fire", "burglary"), Set.of(2), 100)))
                .containsExactly(burglary);
        assertThat(queue(new IncidentQuery(notClosed, site, Set.of(), Set.of(), 2))).containsExactly(fire, panic);
        assertThat(queue(new IncidentQuery(notClosed, other, Set.of(), Set.of(), 100))).containsExactly(elsewhere);
        // without a site: every site's incidents, still in queue order (this database is shared by the class)
        assertThat(service.queue(new IncidentQuery(notClosed, null, Set.of("fire"), Set.of(), 1000)).stream()
                .map(IncidentView::id).filter(id -> id.equals(fire) || id.equals(elsewhere)).toList())
                .containsExactly(fire, elsewhere);
        assertThat(queue(new IncidentQuery(notClosed, site + "'; DROP TABLE incidents; --", Set.of(), Set.of(), 100)))
                .isEmpty();
    }

    /** Opens an incident of the site and category one second after the previous one; its id. */
    private UUID open(String siteId, EventCategory category, Instant at) {
        clock.advance(Duration.ofSeconds(1));
        engine.process(List.of(alarm(siteId, category, "001", at)));
        return service.queue(new IncidentQuery(EnumSet.of(IncidentState.NEW), siteId, Set.of(category.wireName()), Set.of(), 10))
                .stream().map(IncidentView::id).findFirst().orElseThrow();
    }

    private List<UUID> queue(IncidentQuery query) {
        return service.queue(query).stream().map(IncidentView::id).toList();
    }

    private IncidentView incident(UUID id) {
        return service.incident(id).orElseThrow().incident();
    }

    private JsonNode outboxRecord(UUID incidentId, long version) throws Exception {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT payload FROM incident_outbox WHERE incident_id = ? AND version = ?")) {
            s.setObject(1, incidentId);
            s.setLong(2, version);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("outbox row of version " + version).isTrue();
                return EventJson.MAPPER.readTree(rs.getString(1));
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A console: LISTEN vigil_incidents on its own connection. */
    final class DatabaseListener implements AutoCloseable {
        private final Connection connection;

        DatabaseListener() throws Exception {
            var config = database.config();
            connection = DriverManager.getConnection(config.url(), config.appUser(), config.appPassword());
            try (Statement s = connection.createStatement()) {
                s.execute("LISTEN vigil_incidents");
            }
        }

        List<PGNotification> await(int count) throws Exception {
            List<PGNotification> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                PGNotification[] batch = connection.unwrap(PGConnection.class).getNotifications(500);
                if (batch != null) {
                    for (PGNotification n : batch) {
                        if (n.getParameter().contains(site)) {
                            received.add(n);
                        }
                    }
                }
            }
            assertThat(received).hasSizeGreaterThanOrEqualTo(count);
            return received;
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
