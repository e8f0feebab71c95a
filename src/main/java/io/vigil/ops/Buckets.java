package io.vigil.ops;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The latency buckets of every Vigil histogram: fixed, few (13), from 1 ms to 30 s, so that a
 * histogram costs the same on every scrape and the alert rules and dashboard can name the bucket
 * bounds.
 */
final class Buckets {

    private static final Duration[] BOUNDS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(30)};

    private Buckets() {}

    static Timer.Builder latency(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BOUNDS)
                .minimumExpectedValue(BOUNDS[0]).maximumExpectedValue(BOUNDS[BOUNDS.length - 1]);
    }
}
