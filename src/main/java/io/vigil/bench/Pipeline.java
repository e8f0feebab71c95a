package io.vigil.bench;

/**
 * The system under test of a message scenario: something that takes the simulated sites' MQTT
 * messages and delivers them somewhere the benchmark counts them.
 */
@FunctionalInterface
public interface Pipeline {

    /** Starts it for one run; returns once it accepts messages. */
    Running start(BenchContext context, BenchTarget target) throws Exception;

    /** A started pipeline. */
    interface Running extends AutoCloseable {

        /** The process whose CPU time and memory the result reports. */
        ProcessAccounting measured();

        /** Where its output is counted. */
        Arrivals arrivals();

        /** Stops the process and removes what the run created. */
        @Override
        void close() throws Exception;
    }
}
