package io.vigil.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The comparisons the report makes, each "numerator/denominator" on the metrics that mean
 * something for that pair: throughput (how much of the baseline's rate is kept) and CPU per 1,000
 * events (how many times the baseline's CPU). Against ed25519_verify only CPU is compared: Vigil's
 * CPU per event expressed in Ed25519 verifications. A ratio appears only when both sides were measured.
 */
public final class Ratios {

    enum Metric {
        MSGS_PER_S("msgs_per_s", ScenarioResult::msgsPerSecond),
        CPU_MS_PER_1000("cpu_ms_per_1000", ScenarioResult::cpuMillisPer1000);

        final String key;
        final Function<ScenarioResult, Double> value;

        Metric(String key, Function<ScenarioResult, Double> value) {
            this.key = key;
            this.value = value;
        }
    }

    record Pair(String numerator, String denominator, List<Metric> metrics) {
        String key() {
            return numerator + "/" + denominator;
        }
    }

    private static final List<Metric> BOTH = List.of(Metric.MSGS_PER_S, Metric.CPU_MS_PER_1000);
    private static final List<Metric> CPU = List.of(Metric.CPU_MS_PER_1000);

    static final List<Pair> PAIRS = List.of(
            new Pair("vigil_ingest", "naive_route", BOTH),        // d/c
            new Pair("vigil_ingest", "broker_ceiling", BOTH),     // d/a
            new Pair("vigil_ingest", "vigil_ingest_no_metrics", BOTH), // d/g: what metrics cost
            new Pair("vigil_ingest", Ed25519VerifyScenario.NAME, CPU),
            new Pair("receive", "naive_route", BOTH),
            new Pair("receive", "broker_ceiling", BOTH),
            new Pair("receive", Ed25519VerifyScenario.NAME, CPU),
            new Pair("naive_route", "broker_ceiling", BOTH));

    private Ratios() {}

    /** Pair key to metric to ratio, for the pairs both of whose scenarios are in {@code results}. */
    public static Map<String, Map<String, Double>> of(Map<String, ScenarioResult> results) {
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (Pair pair : PAIRS) {
            ScenarioResult numerator = results.get(pair.numerator());
            ScenarioResult denominator = results.get(pair.denominator());
            if (numerator == null || denominator == null) {
                continue;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (Metric metric : pair.metrics()) {
                Double ratio = ratio(metric.value.apply(numerator), metric.value.apply(denominator));
                if (ratio != null) {
                    values.put(metric.key, ratio);
                }
            }
            if (!values.isEmpty()) {
                ratios.put(pair.key(), values);
            }
        }
        return ratios;
    }

    static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator == 0.0) {
            return null;
        }
        return numerator / denominator;
    }
}
