package io.vigil.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One {@code vigil bench} run: the scenarios that produced a result, those that failed, and facts about the run. */
public record BenchResults(Map<String, ScenarioResult> scenarios, Map<String, String> failures, Map<String, Object> meta) {

    public BenchResults {
        scenarios = Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
        failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    public Map<String, Map<String, Double>> ratios() {
        return Ratios.of(scenarios);
    }

    /** Every scenario ran and none lost a message: what CI checks. */
    public boolean passed() {
        return failures.isEmpty() && scenarios.values().stream().allMatch(r -> r.lost() == null || r.lost() == 0);
    }
}
