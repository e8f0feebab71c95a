package io.vigil.bench;

import java.util.Map;

/**
 * The far end of a message scenario: where the benchmark's messages are counted as they come out
 * of the system under test (a Kafka topic read back by a consumer, or a bare MQTT subscriber).
 */
public interface Arrivals extends AutoCloseable {

    /** Distinct messages of {@code phase} seen so far. */
    long received(BenchStamp.Phase phase);

    /** The final count of every phase; called once, after the last phase's messages arrived or stopped arriving. */
    Map<BenchStamp.Phase, DeliveryTally> finish() throws Exception;

    @Override
    void close() throws Exception;
}
