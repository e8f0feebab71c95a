package io.vigil.normalize.sensor;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Remembers, per site, device and rule, whether a threshold condition is active and the time of the
 * reading that decided it. The in-memory store forgets everything on restart (see docs/events.md);
 * a persistent store can be plugged in behind this interface.
 */
public interface ThresholdStateStore {

    /** The state of one condition: active or not, as of the reading observed at {@code observedAt}. */
    record State(boolean active, Instant observedAt) {}

    /** Atomically replaces the state under {@code key} (null if unknown) by {@code update}'s result, and returns it. */
    State update(String key, UnaryOperator<State> update);
}
