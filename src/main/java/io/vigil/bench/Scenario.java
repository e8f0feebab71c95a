package io.vigil.bench;

/**
 * One measurement of {@code vigil bench}. The runner calls {@link #setup}, then {@link #run}, then
 * always {@link #teardown}; an instance serves one run. To add a scenario (vigil_ingest,
 * vigil_incidents, ...), implement this — for a message pipeline, a {@link Pipeline} for
 * {@link MqttScenario} is usually enough — and register it in {@link Scenarios}.
 */
public interface Scenario {

    /** The key in results.json: lower case with underscores. */
    String name();

    /** Starts what the scenario measures (child processes, topics); not measured. */
    default void setup(BenchContext context) throws Exception {
    }

    ScenarioResult run(BenchContext context) throws Exception;

    /** False when a second run in the same bench run would not measure the same thing (--rounds, --warm-up). */
    default boolean repeatable() {
        return true;
    }

    /** Stops and removes whatever setup made, also after a failure. */
    default void teardown(BenchContext context) throws Exception {
    }
}
