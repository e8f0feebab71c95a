package io.vigil.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Several rounds of the same scenarios, in alternating order (A B, then B A, ...), so that no
 * scenario always runs first on a cold broker or last on a warm one: a comparison such as metrics
 * on vs off (d/g) then measures the scenarios, not their position. A scenario's rounds are combined
 * into one result: means of rates, latencies and CPU, the sum of what was lost, the largest RSS, and
 * each round's figures kept under {@code details.rounds}.
 */
final class Rounds {

    private Rounds() {}

    /** The run order: round 1 as given, round 2 reversed, round 3 as given, ... */
    static <T> List<T> order(List<T> scenarios, int rounds) {
        List<T> order = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<T> pass = new ArrayList<>(scenarios);
            if (round % 2 == 1) {
                Collections.reverse(pass);
            }
            order.addAll(pass);
        }
        return order;
    }

    /** One result from a scenario's rounds (itself when there was one). */
    static ScenarioResult combine(List<ScenarioResult> rounds) {
        if (rounds.size() == 1) {
            return rounds.get(0);
        }
        ScenarioResult first = rounds.get(0);
        Map<String, Object> details = new LinkedHashMap<>(first.details());
        List<Map<String, Object>> each = new ArrayList<>();
        for (ScenarioResult r : rounds) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("msgs_per_s", r.msgsPerSecond());
            figures.put("p99_ms", r.p99Millis());
            figures.put("cpu_ms_per_1000", r.cpuMillisPer1000());
            figures.put("lost", r.lost());
            each.add(figures);
        }
        details.put("rounds", each);
        return new ScenarioResult(first.name(), mean(rounds, ScenarioResult::msgsPerSecond), mean(rounds, ScenarioResult::p50Millis),
                mean(rounds, ScenarioResult::p99Millis), mean(rounds, ScenarioResult::p999Millis),
                rounds.stream().map(ScenarioResult::lost).filter(Objects::nonNull).reduce(Long::sum).orElse(null),
                mean(rounds, ScenarioResult::cpuMillisPer1000),
                rounds.stream().map(ScenarioResult::rssMegabytes).filter(Objects::nonNull).reduce(Math::max).orElse(null),
                details);
    }

    private static Double mean(List<ScenarioResult> rounds, Function<ScenarioResult, Double> figure) {
        List<Double> values = rounds.stream().map(figure).filter(Objects::nonNull).toList();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
