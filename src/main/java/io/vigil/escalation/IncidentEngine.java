package io.vigil.escalation;

import io.vigil.escalation.policy.EscalationPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Turns a batch of signals into incident changes in one PostgreSQL transaction: drop signals that
 * are already linked (a replay), lock the incidents of the batch's sites and categories, correlate,
 * then write incidents, links, runaway buckets and outbox rows with batched statements. A batch
 * either commits whole or not at all, so the caller may acknowledge its input after it returns.
 */
public final class IncidentEngine {

    /** What one batch did. */
    public record Outcome(int signals, int replayed, int ignored, int linked, int changes) {}

    private final DataSource dataSource;
    private final EscalationPolicy policy;
    private final Clock clock;
    private final IncidentStore store = new IncidentStore();

    public IncidentEngine(DataSource dataSource, EscalationPolicy policy, Clock clock) {
        this.dataSource = dataSource;
        this.policy = policy;
        this.clock = clock;
    }

    /** Open incidents a heartbeat-supervision miss opened or joined and no heartbeat restored yet: site -> missed at. */
    public java.util.Map<String, java.time.Instant> openSupervisionFailures() throws java.sql.SQLException {
        try (var c = dataSource.getConnection()) {
            return store.openSupervisionFailures(c);
        }
    }

    public EscalationPolicy policy() {
        return policy;
    }

    /** Whether a signal can change incidents at all (the rest are signs of life only). */
    public boolean concernsIncidents(Signal signal) {
        return signal.isRestore() || signal.source() == Signal.Source.SUPERVISION
                || policy.opensIncidents(signal.eventClass());
    }

    /**
     * @throws EscalationException when the transaction failed; nothing of the batch was written
     */
    public Outcome process(List<Signal> signals) {
        Map<UUID, Signal> unique = new LinkedHashMap<>();
        int ignored = 0;
        for (Signal signal : signals) {
            if (!concernsIncidents(signal)) {
                ignored++;
            } else {
                unique.putIfAbsent(signal.eventId(), signal);
            }
        }
        if (unique.isEmpty()) {
            return new Outcome(signals.size(), 0, ignored, 0, 0);
        }
        int ignoredCount = ignored;
        return Transactions.inTransaction(dataSource, "cannot write incidents", c -> {
            // "already linked?" is answered only once no other transaction works on these keys: when a partition
            // moves to another consumer mid-batch, both may hold the same events at once, and a check before the
            // other's commit would count an event twice while linking it once
            store.serialise(c, unique.values().stream().map(s -> new IncidentKey(s.siteId(), s.category())).toList());
            Set<UUID> linked = store.linkedEventIds(c, unique.keySet());
            List<Signal> fresh = new ArrayList<>();
            Set<IncidentKey> keys = new LinkedHashSet<>();
            Set<RunawayBucket.Key> bucketKeys = new LinkedHashSet<>();
            for (Signal signal : unique.values()) {
                if (linked.contains(signal.eventId())) {
                    continue;
                }
                fresh.add(signal);
                keys.add(new IncidentKey(signal.siteId(), signal.category()));
                if (!signal.isRestore() && signal.source() == Signal.Source.EVENT) {
                    bucketKeys.add(new RunawayBucket.Key(signal.siteId(), signal.bucketZone()));
                }
            }
            int replayed = unique.size() - fresh.size();
            if (fresh.isEmpty()) {
                return new Outcome(signals.size(), replayed, ignoredCount, 0, 0);
            }
            IncidentStore.Locked locked = store.lockKeys(c, keys);
            IncidentWork work = new IncidentWork(policy, now());
            Correlator correlator = new Correlator(work, locked.open(), locked.finished(), store.buckets(c, bucketKeys));
            fresh.forEach(correlator::apply);
            store.write(c, work, correlator.touchedBuckets().values());
            return new Outcome(signals.size(), replayed, ignoredCount, work.links().size(), work.changes().size());
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
