package io.vigil.bench;

/**
 * The system under test of a message scenario: something that takes the simulated sites' MQTT
 * messages and delivers them somewhere the benchmark counts them.
 */
@FunctionalInterface
public interface Pipeline {

    /** Starts it for one run; returns once it accepts messages. */
    Running start(BenchContext context, BenchTarget target) throws Exception;

    /**
     * A started pipeline.
     *
     * @param measured the process whose CPU time and memory the result reports
     * @param arrivals where its output is counted
     * @param stop stops the process and removes what the run created
     */
    record Running(ProcessAccounting measured, Arrivals arrivals, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }
}
