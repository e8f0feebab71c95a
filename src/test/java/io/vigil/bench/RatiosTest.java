package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatiosTest {

    @Test
    void comparesThroughputAndCpuOfPairsThatBothRan() {
        Map<String, ScenarioResult> results = results(
                result("broker_ceiling", 12_000.0, 60.0),
                result("naive_route", 10_000.0, 150.0),
                result("receive", 8_000.0, 225.0),
                result("ed25519_verify", 10_000.0, 100.0));

        Map<String, Map<String, Double>> ratios = Ratios.of(results);

        assertThat(ratios.get("receive/naive_route").get("msgs_per_s")).isCloseTo(0.8, within(1e-9));
        assertThat(ratios.get("receive/naive_route").get("cpu_ms_per_1000")).isCloseTo(1.5, within(1e-9));
        assertThat(ratios.get("receive/broker_ceiling").get("msgs_per_s")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(ratios.get("naive_route/broker_ceiling").get("cpu_ms_per_1000")).isCloseTo(2.5, within(1e-9));
        // 225 ms per 1,000 events = 225 µs per event = 2.25 verifications of 100 µs
        assertThat(ratios.get("receive/ed25519_verify")).containsOnlyKeys("cpu_ms_per_1000");
        assertThat(ratios.get("receive/ed25519_verify").get("cpu_ms_per_1000")).isCloseTo(2.25, within(1e-9));
    }

    @Test
    void aPairWithAMissingSideIsLeftOut() {
        Map<String, Map<String, Double>> ratios = Ratios.of(results(result("receive", 8_000.0, 225.0),
                result("naive_route", 10_000.0, 150.0)));

        assertThat(ratios).containsOnlyKeys("receive/naive_route");
        assertThat(Ratios.of(results(result("receive", 8_000.0, 225.0)))).isEmpty();
    }

    @Test
    void vigilIngestIsComparedWithTheNaiveRouteAndTheBrokerOnceItExists() {
        Map<String, Map<String, Double>> ratios = Ratios.of(results(result("vigil_ingest", 6_000.0, 400.0),
                result("naive_route", 10_000.0, 150.0), result("broker_ceiling", 12_000.0, 60.0)));

        assertThat(ratios.get("vigil_ingest/naive_route").get("msgs_per_s")).isCloseTo(0.6, within(1e-9));
        assertThat(ratios.get("vigil_ingest/broker_ceiling").get("msgs_per_s")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void missingOrZeroNumbersGiveNoRatio() {
        assertThat(Ratios.ratio(null, 1.0)).isNull();
        assertThat(Ratios.ratio(1.0, null)).isNull();
        assertThat(Ratios.ratio(1.0, 0.0)).isNull();
        Map<String, Map<String, Double>> ratios = Ratios.of(results(result("receive", null, 225.0),
                result("naive_route", 10_000.0, 150.0)));
        assertThat(ratios.get("receive/naive_route")).containsOnlyKeys("cpu_ms_per_1000");
    }

    static ScenarioResult result(String name, Double msgsPerSecond, Double cpuPer1000) {
        return new ScenarioResult(name, msgsPerSecond, 1.0, 2.0, 3.0, 0L, cpuPer1000, 100.0, Map.of());
    }

    static Map<String, ScenarioResult> results(ScenarioResult... results) {
        Map<String, ScenarioResult> map = new LinkedHashMap<>();
        for (ScenarioResult result : results) {
            map.put(result.name(), result);
        }
        return map;
    }
}
