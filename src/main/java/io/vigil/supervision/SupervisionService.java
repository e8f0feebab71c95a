package io.vigil.supervision;

import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.Signal;
import io.vigil.supervision.CorruptSnapshotException;
import io.vigil.supervision.HeartbeatOutcome;
import io.vigil.supervision.Missed;
import io.vigil.supervision.SiteStatus;
import io.vigil.supervision.SupervisedSites;
import io.vigil.supervision.SupervisionEngine;
import io.vigil.supervision.SupervisionSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeat supervision wired to incidents (docs/escalation.md, "Supervision"). Every canonical
 * event from a site is a sign of life; a missed deadline opens (or joins) the site's
 * communications-failure incident, and the heartbeat that restores the site auto-resolves it, both
 * through the same incident machinery and outbox as events.
 *
 * <p>Start: the engine is read from its snapshot with the engine's restart rule (or built empty if
 * there is none), reconciled with the site registry, then with the incidents: a site in failure
 * whose incident was never written gets it now (same deterministic ids, so never twice), and an open
 * supervision incident of a site that is healthy again is restored.
 */
public final class SupervisionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisionService.class);

    private final SupervisionEngine engine;
    private final SupervisionSettings settings;
    private final SupervisionRegistry registry;
    private final SupervisionWriter writer;
    private final int priority;
    private final DataSource dataSource;
    // a miss must be queued before the restore that ends it: advance+queue and heartbeat+queue are atomic
    private final ReentrantLock order = new ReentrantLock();
    private final AtomicLong unknownHeartbeats = new AtomicLong();
    private final Clock clock;
    private volatile Instant advancedUntil = Instant.MIN;
    private final SharedHeartbeats shared;
    private final BooleanSupplier clustered;
    private Instant sharedReadAt = Instant.EPOCH;
    private long sharedReadNanos;
    private final IncidentEngine incidents;

    private SupervisionService(SupervisionEngine engine, SupervisionSettings settings, DataSource dataSource,
                               IncidentEngine incidents, Clock clock, BooleanSupplier clustered) {
        this.engine = engine;
        this.clustered = clustered;
        this.shared = new SharedHeartbeats(dataSource);
        this.clock = clock;
        this.settings = settings;
        this.dataSource = dataSource;
        this.registry = new SupervisionRegistry(dataSource);
        this.writer = new SupervisionWriter(incidents);
        this.incidents = incidents;
        this.priority = incidents.policy().supervisionPriority();
    }

    public static SupervisionService start(SupervisionSettings settings, DataSource dataSource, IncidentEngine incidents,
                                           Clock clock) throws SQLException {
        return start(settings, dataSource, incidents, clock, () -> false);
    }

    /**
     * @param clustered whether other nodes run now (docs/cluster.md, "Supervision"): then every
     *                  batch's signs of life are shared and the other nodes' are followed
     */
    public static SupervisionService start(SupervisionSettings settings, DataSource dataSource, IncidentEngine incidents,
                                           Clock clock, BooleanSupplier clustered) throws SQLException {
        SupervisionService service = new SupervisionService(load(settings, clock), settings, dataSource, incidents, clock,
                clustered);
        service.registry.refreshIfChanged(service.engine);
        service.writer.start();
        service.reconcileIncidents();
        return service;
    }

    private static SupervisionEngine load(SupervisionSettings settings, Clock clock) {
        try {
            SupervisionEngine engine = SupervisionSnapshot.read(settings.snapshotFile(), settings.engine(), clock);
            LOG.info("supervision: {} sites restored from {} ({} in failure)", engine.stats().sites(),
                    settings.snapshotFile(), engine.stats().sitesInFailure());
            return engine;
        } catch (NoSuchFileException e) {
            LOG.info("supervision: no snapshot at {}, every site starts with a full interval", settings.snapshotFile());
        } catch (CorruptSnapshotException e) {
            LOG.warn("supervision: snapshot {} rejected ({}), every site starts with a full interval",
                    settings.snapshotFile(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("supervision: snapshot {} unreadable ({}), every site starts with a full interval",
                    settings.snapshotFile(), e.getMessage());
        }
        return new SupervisionEngine(settings.engine(), clock);
    }

    private void reconcileIncidents() throws SQLException {
        int[] counts = new int[2];
        SupervisedSites.forEachInFailure(engine, (siteId, deadline) -> {
            writer.submit(Signal.heartbeatMissed(siteId, deadline, priority));
            counts[0]++;
        });
        Map<String, Instant> open = incidents.openSupervisionFailures();
        for (Map.Entry<String, Instant> failure : open.entrySet()) {
            Optional<SiteStatus> status = engine.status(failure.getKey());
            if (status.isPresent() && !status.get().inFailure()) {
                Instant heardAt = status.get().lastHeartbeat().orElse(failure.getValue());
                writer.submit(Signal.heartbeatRestored(failure.getKey(), failure.getValue(), heardAt));
                counts[1]++;
            }
        }
        if (counts[0] > 0 || counts[1] > 0) {
            LOG.info("supervision: reconciled {} sites in failure and {} restored sites with their incidents",
                    counts[0], counts[1]);
        }
    }

    /**
     * A sign of life from a site, at the receiver's accept time.
     *
     * @return the future of the restore, when this heartbeat ended a communications failure
     */
    public Optional<CompletableFuture<Void>> heartbeat(String siteId, Instant at) {
        order.lock();
        try {
            HeartbeatOutcome outcome = engine.heartbeat(siteId, at);
            if (outcome instanceof HeartbeatOutcome.Restored restored) {
                return Optional.of(writer.submit(
                        Signal.heartbeatRestored(siteId, restored.missedSince(), restored.heartbeatAt())));
            }
            if (outcome instanceof HeartbeatOutcome.Unknown) {
                unknownHeartbeats.incrementAndGet();
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            unknownHeartbeats.incrementAndGet(); // not a valid site id: nobody can supervise it
            return Optional.empty();
        } finally {
            order.unlock();
        }
    }

    /**
     * Shares the latest sign of life per site of one batch with the other nodes (when there are any),
     * before the batch's offsets are committed.
     */
    public void share(Map<String, Instant> lastSeen) throws SQLException {
        if (clustered.getAsBoolean()) {
            shared.record(lastSeen);
        }
    }

    /**
     * Feeds the signs of life the other nodes shared into this node's engine, at most once a second:
     * every node knows every site's last heartbeat, so whichever holds the supervision singleton
     * judges deadlines on all of them, also right after it took over.
     */
    public int followShared() throws SQLException {
        if (!clustered.getAsBoolean() || System.nanoTime() - sharedReadNanos < 1_000_000_000L) {
            return 0;
        }
        sharedReadNanos = System.nanoTime();
        SharedHeartbeats.Changes changes = shared.changedSince(sharedReadAt);
        changes.lastSeen().forEach(this::heartbeat);
        sharedReadAt = changes.readAt();
        return changes.lastSeen().size();
    }

    /** Reports the sites whose deadline has passed (the timer route calls this every advance interval). */
    public int advance() {
        order.lock();
        try {
            Instant now = clock.instant();
            List<Missed> missed = engine.advance(now);
            for (Missed miss : missed) {
                writer.submit(Signal.heartbeatMissed(miss.siteId(), miss.deadline(), priority));
            }
            if (missed.size() < engine.config().maxMissesPerAdvance()) {
                advancedUntil = now;
            }
            return missed.size();
        } finally {
            order.unlock();
        }
    }

    public void snapshot() throws IOException {
        Files.createDirectories(settings.snapshotFile().toAbsolutePath().getParent());
        SupervisionSnapshot.write(engine, settings.snapshotFile());
    }

    /** Applies registry changes (new, disabled sites, changed intervals) if there were any. */
    public void refreshRegistry() throws SQLException {
        registry.refreshIfChanged(engine);
    }

    /**
     * The clock reading of the last advance that reported every miss due by then (deadlines up to
     * one wheel bucket, 128 ms, before it) and queued it; {@link Instant#MIN} before the first.
     * With {@link #pendingSignals()} at 0 as well, those misses are committed incidents.
     */
    public Instant advancedUntil() {
        return advancedUntil;
    }

    public SupervisionEngine engine() {
        return engine;
    }

    public long unknownHeartbeats() {
        return unknownHeartbeats.get();
    }

    /** Supervision signals queued and not yet committed as incident changes. */
    public int pendingSignals() {
        return writer.pending();
    }

    @Override
    public void close() {
        writer.close(Duration.ofSeconds(10));
        try {
            snapshot();
        } catch (IOException e) {
            LOG.warn("supervision snapshot at shutdown failed: {}", e.getMessage());
        }
    }
}
