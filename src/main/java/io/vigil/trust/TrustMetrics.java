package io.vigil.trust;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the trust gate: accepted, of those redelivered (DUP accepted again), duplicate (same id
 * and bytes accepted again, not a reject) and late (older than the freshness window, proven new), and
 * rejected by reason.
 */
public final class TrustMetrics {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final EnumMap<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

    public TrustMetrics() {
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    void record(Verdict verdict) {
        if (verdict instanceof Verdict.Accepted a) {
            accepted.increment();
            if (a.envelope().redelivered()) {
                redelivered.increment();
            }
            if (a.envelope().duplicate()) {
                duplicate.increment();
            }
            if (a.envelope().late()) {
                late.increment();
            }
        } else if (verdict instanceof Verdict.Rejected r) {
            rejected.get(r.reason()).increment();
        }
    }

    public Snapshot snapshot() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        long total = 0;
        for (var e : rejected.entrySet()) {
            long n = e.getValue().sum();
            byReason.put(e.getKey().code(), n);
            total += n;
        }
        return new Snapshot(accepted.sum(), redelivered.sum(), duplicate.sum(), late.sum(), total, Map.copyOf(byReason));
    }

    /** @param rejectedByReason every reason code, zero included, so dashboards see the full set */
    public record Snapshot(long accepted, long redelivered, long duplicate, long late, long rejected,
                           Map<String, Long> rejectedByReason) {
        public long rejected(RejectReason reason) {
            return rejectedByReason.getOrDefault(reason.code(), 0L);
        }
    }
}
