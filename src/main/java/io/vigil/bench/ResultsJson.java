package io.vigil.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results.json}:
 * <pre>
 * {"scenarios": {"&lt;name&gt;": {"msgs_per_s": n, "p50_ms": n, "p99_ms": n, "p999_ms": n, "lost": n,
 *                          "cpu_ms_per_1000": n, "rss_mb": n, "details": {...}}},
 *  "ratios": {"&lt;a&gt;/&lt;b&gt;": {"msgs_per_s": n, "cpu_ms_per_1000": n}},
 *  "failed": {"&lt;name&gt;": "why"},      (only when a scenario failed)
 *  "meta": {"date": ..., "mode": ..., "machine": {...}, "versions": {...}, "settings": {...}}}
 * </pre>
 * Every scenario has all seven numbers; null means "does not apply" (see docs/benchmarks.md).
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ResultsJson() {}

    public static void write(BenchResults results, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), toMap(results));
    }

    static Map<String, Object> toMap(BenchResults results) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> scenarios = new LinkedHashMap<>();
        results.scenarios().forEach((name, result) -> scenarios.put(name, scenario(result)));
        root.put("scenarios", scenarios);
        Map<String, Object> ratios = new LinkedHashMap<>();
        results.ratios().forEach((pair, values) -> {
            Map<String, Object> rounded = new LinkedHashMap<>();
            values.forEach((metric, value) -> rounded.put(metric, round(value, 3)));
            ratios.put(pair, rounded);
        });
        root.put("ratios", ratios);
        if (!results.failures().isEmpty()) {
            root.put("failed", results.failures());
        }
        root.put("meta", results.meta());
        return root;
    }

    static Map<String, Object> scenario(ScenarioResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("msgs_per_s", round(result.msgsPerSecond(), 1));
        map.put("p50_ms", round(result.p50Millis(), 3));
        map.put("p99_ms", round(result.p99Millis(), 3));
        map.put("p999_ms", round(result.p999Millis(), 3));
        map.put("lost", result.lost());
        map.put("cpu_ms_per_1000", round(result.cpuMillisPer1000(), 2));
        map.put("rss_mb", round(result.rssMegabytes(), 1));
        Map<String, Object> details = new LinkedHashMap<>();
        result.details().forEach((key, value) -> details.put(key, value instanceof Double d ? round(d, 3) : value));
        map.put("details", details);
        return map;
    }

    /** Fixed decimals; NaN and infinities become null (JSON has no such numbers). */
    static BigDecimal round(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** The seven numbers every scenario reports, in order. */
    public static final List<String> SCENARIO_KEYS = List.of(
            "msgs_per_s", "p50_ms", "p99_ms", "p999_ms", "lost", "cpu_ms_per_1000", "rss_mb");
}
