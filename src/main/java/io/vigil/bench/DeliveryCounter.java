package io.vigil.bench;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Counts what arrives at the far end of a scenario exactly, per phase: each sequence number once
 * (a second arrival is a duplicate), anything that is not this run's as foreign. Latency is arrival
 * time minus the publish time in the stamp, in microseconds. Thread-safe.
 */
public final class DeliveryCounter {

    /** One hour in microseconds: anything slower is clamped there (and would be a failure anyway). */
    static final long HIGHEST_LATENCY_MICROS = 3_600_000_000L;

    private final String tag;
    private final Map<BenchStamp.Phase, PhaseCount> phases = new EnumMap<>(BenchStamp.Phase.class);
    private long foreign;

    /** Counts messages 0..expected-1 of each phase of run {@code tag}; a phase not in the map expects none. */
    public DeliveryCounter(String tag, Map<BenchStamp.Phase, Long> expected) {
        this.tag = tag;
        for (BenchStamp.Phase phase : BenchStamp.Phase.values()) {
            phases.put(phase, new PhaseCount(expected.getOrDefault(phase, 0L)));
        }
    }

    public synchronized void record(BenchStamp stamp, long arrivalMicros) {
        if (!stamp.tag().equals(tag) || !phases.get(stamp.phase()).record(stamp, arrivalMicros)) {
            foreign++;
        }
    }

    /** Something that is not a benchmark message at all. */
    public synchronized void recordForeign() {
        foreign++;
    }

    /** Distinct messages of {@code phase} seen so far. */
    public long received(BenchStamp.Phase phase) {
        return phases.get(phase).received;
    }

    public synchronized Map<BenchStamp.Phase, DeliveryTally> tally() {
        Map<BenchStamp.Phase, DeliveryTally> tallies = new EnumMap<>(BenchStamp.Phase.class);
        phases.forEach((phase, count) -> tallies.put(phase, count.tally(foreign)));
        return tallies;
    }

    private static final class PhaseCount {
        private final long expected;
        private final BitSet seen;
        private final Histogram latencyMicros = new Histogram(HIGHEST_LATENCY_MICROS, 3);
        private volatile long received;
        private long duplicates;
        private long firstPublishMicros = Long.MAX_VALUE;
        private long lastArrivalMicros = Long.MIN_VALUE;

        PhaseCount(long expected) {
            if (expected < 0 || expected > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("expected messages must be 0.." + Integer.MAX_VALUE);
            }
            this.expected = expected;
            this.seen = new BitSet((int) expected);
        }

        /** False for a sequence number outside the phase. */
        boolean record(BenchStamp stamp, long arrivalMicros) {
            if (stamp.sequence() >= expected) {
                return false;
            }
            int sequence = (int) stamp.sequence();
            if (seen.get(sequence)) {
                duplicates++;
                return true;
            }
            seen.set(sequence);
            received++;
            firstPublishMicros = Math.min(firstPublishMicros, stamp.publishedMicros());
            lastArrivalMicros = Math.max(lastArrivalMicros, arrivalMicros);
            // a clock read on the far side can come out a hair before the publish time (Kafka's
            // millisecond timestamps): such a message counts as instantaneous
            latencyMicros.recordValue(Math.min(HIGHEST_LATENCY_MICROS, Math.max(0, arrivalMicros - stamp.publishedMicros())));
            return true;
        }

        DeliveryTally tally(long foreign) {
            return new DeliveryTally(expected, received, duplicates, foreign,
                    received == 0 ? 0 : firstPublishMicros, received == 0 ? 0 : lastArrivalMicros, latencyMicros.copy());
        }
    }
}
