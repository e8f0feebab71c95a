package io.vigil.normalize.sensor;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Process-local threshold state. Keys are authenticated site/device/rule triples, so the map stays bounded. */
public final class InMemoryThresholdStateStore implements ThresholdStateStore {
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    @Override
    public State update(String key, UnaryOperator<State> update) {
        return states.compute(key, (k, current) -> update.apply(current));
    }

    public int size() {
        return states.size();
    }
}
