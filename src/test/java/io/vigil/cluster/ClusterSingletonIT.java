package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.db.Database;
import io.vigil.escalation.EscalationException;
import io.vigil.escalation.EscalationTimers;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.Signal;
import io.vigil.escalation.Signals;
import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.normalize.EventCategory;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database run the escalation timers as the singleton does in the receiver
 * (docs/cluster.md): only the lease holder escalates; when it dies another node takes over within
 * the lease bound and nothing is escalated twice; a holder that lost its lease writes nothing.
 */
class ClusterSingletonIT {

    private static final EscalationPolicy POLICY = EscalationPolicyLoader.load(Path.of("config/escalation-policy.yaml"));
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final int INCIDENTS = 20;

    private final MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestDatabase database;
    private HikariDataSource observer;

    @BeforeEach
    void database() {
        database = TestDatabase.createMigrated();
        observer = Database.appPool(database.config(), "cluster-it-observer");
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        observer.close();
        database.close();
    }

    @Test
    void killedLeaderIsReplacedWithoutDoubleEscalation() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        assertThat(a.leases.holdsSingleton()).as("the first node takes the singleton").isTrue();
        assertThat(b.leases.holdsSingleton()).isFalse();
        openFireIncidents(a.pool);
        Duration step = POLICY.timer(1).after();

        clock.advance(step);
        // the counter moves when the tick returns, after its transaction committed
        await("every incident escalated once").atMost(Duration.ofSeconds(20)).until(() -> a.escalated.get() == INCIDENTS);
        assertThat(escalations()).isEqualTo(INCIDENTS);
        assertThat(b.escalated.get()).isZero();

        long killedAt = System.nanoTime();
        a.pool.close(); // node a is gone for the cluster: no renewal, no release, no write
        await("node b takes the singleton").atMost(LEASE.plus(LEASE.dividedBy(3)).plusSeconds(2))
                .pollInterval(Duration.ofMillis(20)).until(b.leases::holdsSingleton);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(takeover).as("not before a's lease could have ended").isGreaterThan(LEASE.minus(LEASE.dividedBy(3)));

        clock.advance(step);
        await("every incident escalated a second time").atMost(Duration.ofSeconds(20))
                .until(() -> b.escalated.get() == INCIDENTS);
        assertThat(escalations()).isEqualTo(2 * INCIDENTS);
        assertThat(levels()).as("each incident once per step").containsOnly(2);
    }

    @Test
    void cleanStopHandsOverAtOnce() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        long stoppedAt = System.nanoTime();
        a.close();
        await("node b takes the singleton").atMost(LEASE).pollInterval(Duration.ofMillis(20)).until(b.leases::holdsSingleton);
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).as("released, not expired")
                .isLessThan(LEASE.minus(LEASE.dividedBy(3)));
    }

    @Test
    void aHolderThatLostItsLeaseEscalatesNothing() throws Exception {
        Node b = node("node-b");
        LeaseStore paused = new LeaseStore(b.pool, "test-cluster", "node-a", UUID.randomUUID(), LEASE);
        EscalationTimers stale = new EscalationTimers(b.pool, POLICY, clock, 100,
                c -> paused.fence(c, NodeLeases.SINGLETON, 1));
        openFireIncidents(b.pool);
        b.ticks.shutdownNow();
        clock.advance(POLICY.timer(1).after());

        assertThatThrownBy(stale::escalateDue).isInstanceOf(EscalationException.class)
                .hasRootCauseInstanceOf(LeaseLostException.class);
        assertThat(escalations()).isZero();
    }

    private Node node(String id) throws Exception {
        Node node = new Node(id);
        closing.add(node);
        return node;
    }

    /** One node: its own pool, leases, and the timer tick of the receiver (singleton only, fenced). */
    private final class Node implements AutoCloseable {
        final HikariDataSource pool = Database.appPool(database.config(), "cluster-it");
        final NodeLeases leases;
        final AtomicInteger escalated = new AtomicInteger();
        final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

        Node(String id) throws Exception {
            leases = NodeLeases.start(new ClusterConfig("test-cluster", id, LEASE, 1, "vigil-receiver-"), pool);
            EscalationTimers timers = new EscalationTimers(pool, POLICY, clock, 100, leases.fence(NodeLeases.SINGLETON));
            ticks.scheduleWithFixedDelay(() -> {
                try {
                    if (leases.holdsSingleton()) {
                        escalated.addAndGet(timers.escalateDue());
                    }
                } catch (RuntimeException e) {
                    // as TickProcessor: the next tick tries again
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            ticks.shutdownNow();
            ticks.awaitTermination(5, TimeUnit.SECONDS);
            leases.close();
            pool.close();
        }
    }

    private void openFireIncidents(javax.sql.DataSource pool) {
        IncidentEngine engine = new IncidentEngine(pool, POLICY, clock);
        List<Signal> alarms = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            alarms.add(Signals.alarm("site-" + i, EventCategory.FIRE, "001", clock.instant()));
        }
        engine.process(alarms);
    }

    /** Escalation changes written (one outbox row each). */
    private long escalations() throws Exception {
        try (Connection c = observer.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM incident_outbox WHERE change = 'escalated'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Integer> levels() throws Exception {
        List<Integer> levels = new ArrayList<>();
        try (Connection c = observer.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT escalation_level FROM incidents");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                levels.add(rs.getInt(1));
            }
        }
        assertThat(levels).hasSize(INCIDENTS);
        return levels;
    }
}
