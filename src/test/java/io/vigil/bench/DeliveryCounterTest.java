package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryCounterTest {

    private static final String TAG = "run00001";
    private static final long T0 = 1_795_000_000_000_000L;

    @Test
    void countsEachSequenceOnceAndTheRestAsDuplicatesOrForeign() {
        DeliveryCounter counter = new DeliveryCounter(TAG, Map.of(BenchStamp.Phase.MEASURED, 5L));

        counter.record(stamp(BenchStamp.Phase.MEASURED, 0, T0), T0 + 1_000);
        counter.record(stamp(BenchStamp.Phase.MEASURED, 1, T0), T0 + 2_000);
        counter.record(stamp(BenchStamp.Phase.MEASURED, 1, T0), T0 + 3_000); // redelivered
        counter.record(stamp(BenchStamp.Phase.MEASURED, 3, T0), T0 + 4_000);
        counter.record(stamp(BenchStamp.Phase.MEASURED, 9, T0), T0 + 5_000); // outside the run
        counter.record(new BenchStamp("other001", BenchStamp.Phase.MEASURED, 2, T0), T0); // another run's
        counter.recordForeign(); // not a benchmark message

        DeliveryTally tally = counter.tally().get(BenchStamp.Phase.MEASURED);
        assertThat(tally.received()).isEqualTo(3);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.lost()).isEqualTo(2); // 2 and 4 never came
        assertThat(tally.foreign()).isEqualTo(3);
        assertThat(counter.received(BenchStamp.Phase.MEASURED)).isEqualTo(3);
    }

    @Test
    void phasesAreCountedApart() {
        DeliveryCounter counter = new DeliveryCounter(TAG, Map.of(BenchStamp.Phase.WARMUP, 2L, BenchStamp.Phase.MEASURED, 2L));

        counter.record(stamp(BenchStamp.Phase.WARMUP, 0, T0), T0);
        counter.record(stamp(BenchStamp.Phase.MEASURED, 0, T0), T0);
        counter.record(stamp(BenchStamp.Phase.PACED, 0, T0), T0); // no paced pass expected

        assertThat(counter.received(BenchStamp.Phase.WARMUP)).isEqualTo(1);
        assertThat(counter.received(BenchStamp.Phase.MEASURED)).isEqualTo(1);
        assertThat(counter.received(BenchStamp.Phase.PACED)).isZero();
        assertThat(counter.tally().get(BenchStamp.Phase.MEASURED).foreign()).isEqualTo(1);
    }

    @Test
    void percentilesAndThroughputComeFromTheStampsAndArrivals() {
        int messages = 1_000;
        DeliveryCounter counter = new DeliveryCounter(TAG, Map.of(BenchStamp.Phase.MEASURED, (long) messages));
        // message i is published at T0 + i ms and takes (i + 1) ms: latencies 1..1000 ms, last arrival at T0 + 1999 ms
        for (int i = 0; i < messages; i++) {
            long published = T0 + i * 1_000L;
            counter.record(stamp(BenchStamp.Phase.MEASURED, i, published), published + (i + 1) * 1_000L);
        }

        DeliveryTally tally = counter.tally().get(BenchStamp.Phase.MEASURED);
        LatencySummary latency = tally.latency();
        // HdrHistogram with 3 significant digits: within 0.1 %
        assertThat(latency.p50Millis()).isCloseTo(500.0, within(0.5));
        assertThat(latency.p99Millis()).isCloseTo(990.0, within(1.0));
        assertThat(latency.p999Millis()).isCloseTo(999.0, within(1.0));
        assertThat(tally.msgsPerSecond()).isCloseTo(1_000 / 1.999, within(0.01));
    }

    @Test
    void anArrivalStampedBeforeItsPublishCountsAsZeroLatency() {
        DeliveryCounter counter = new DeliveryCounter(TAG, Map.of(BenchStamp.Phase.MEASURED, 1L));

        counter.record(stamp(BenchStamp.Phase.MEASURED, 0, T0), T0 - 300);

        assertThat(counter.tally().get(BenchStamp.Phase.MEASURED).latency().p50Millis()).isZero();
    }

    @Test
    void nothingArrivedMeansNoThroughputAndNoPercentiles() {
        DeliveryTally tally = new DeliveryCounter(TAG, Map.of(BenchStamp.Phase.MEASURED, 10L)).tally().get(BenchStamp.Phase.MEASURED);

        assertThat(tally.msgsPerSecond()).isNull();
        assertThat(tally.latency()).isEqualTo(LatencySummary.NONE);
        assertThat(tally.lost()).isEqualTo(10);
    }

    @Test
    void aTallyTravelsAsJsonWithItsHistogram() {
        DeliveryCounter counter = new DeliveryCounter(TAG, Map.of(BenchStamp.Phase.MEASURED, 100L));
        for (int i = 0; i < 100; i++) {
            counter.record(stamp(BenchStamp.Phase.MEASURED, i, T0), T0 + i * 137L);
        }
        Map<BenchStamp.Phase, DeliveryTally> sent = counter.tally();

        Map<BenchStamp.Phase, DeliveryTally> received = DeliveryTally.fromPhases(DeliveryTally.toMap(sent));

        DeliveryTally before = sent.get(BenchStamp.Phase.MEASURED);
        DeliveryTally after = received.get(BenchStamp.Phase.MEASURED);
        assertThat(after.received()).isEqualTo(before.received());
        assertThat(after.msgsPerSecond()).isEqualTo(before.msgsPerSecond());
        assertThat(after.latency()).isEqualTo(before.latency());
        assertThat(after.latencyMicros().getTotalCount()).isEqualTo(100);
    }

    private static BenchStamp stamp(BenchStamp.Phase phase, long sequence, long publishedMicros) {
        return new BenchStamp(TAG, phase, sequence, publishedMicros);
    }
}
