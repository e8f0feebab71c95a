package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioHasTheSevenNumbersAndNullWhereTheyDoNotApply() throws Exception {
        BenchResults results = new BenchResults(RatiosTest.results(
                new ScenarioResult("receive", 12_345.678, 4.5678, 20.0, 31.25, 0L, 225.456, 198.04, Map.of("received", 200_000L)),
                new ScenarioResult("supervision", null, null, null, null, null, null, 612.3, Map.of("bytes_per_site", 56.34)),
                RatiosTest.result("naive_route", 15_000.0, 150.0)),
                Map.of(), Map.of("date", "2026-11-25T10:00:00Z", "mode", "full"));

        JsonNode json = write(results);

        assertThat(json.fieldNames()).toIterable().containsExactly("scenarios", "ratios", "meta");
        JsonNode receive = json.at("/scenarios/receive");
        List<String> keys = ResultsJson.SCENARIO_KEYS;
        assertThat(receive.fieldNames()).toIterable().containsSubsequence(keys).contains("details");
        assertThat(receive.get("msgs_per_s").asText()).isEqualTo("12345.7");
        assertThat(receive.get("p50_ms").asDouble()).isEqualTo(4.568);
        assertThat(receive.get("lost").asLong()).isZero();
        assertThat(receive.get("cpu_ms_per_1000").asDouble()).isEqualTo(225.46);
        JsonNode supervision = json.at("/scenarios/supervision");
        keys.stream().filter(k -> !k.equals("rss_mb")).forEach(k -> assertThat(supervision.get(k).isNull()).as(k).isTrue());
        assertThat(supervision.at("/details/bytes_per_site").asDouble()).isEqualTo(56.34);
        assertThat(json.at("/ratios/receive~1naive_route/msgs_per_s").asDouble()).isEqualTo(0.823);
        assertThat(json.at("/meta/mode").asText()).isEqualTo("full");
    }

    @Test
    void largeNumbersAreWrittenPlainAndFailuresOnlyWhenThereAreAny() throws Exception {
        BenchResults results = new BenchResults(RatiosTest.results(
                new ScenarioResult("kafka_ceiling", 10_000_000.0, 1.0, 2.0, 3.0, 0L, 1.0, 1.0, Map.of())),
                Map.of("receive", "Vigil did not start"), Map.of());

        String text = Files.readString(writeFile(results));

        assertThat(text).contains("\"msgs_per_s\" : 10000000").doesNotContain("E+");
        assertThat(new ObjectMapper().readTree(text).at("/failed/receive").asText()).isEqualTo("Vigil did not start");
        assertThat(results.passed()).isFalse();
    }

    @Test
    void aLostMessageFailsTheRun() {
        BenchResults lossy = new BenchResults(RatiosTest.results(
                new ScenarioResult("naive_route", 1.0, 1.0, 1.0, 1.0, 3L, 1.0, 1.0, Map.of())), Map.of(), Map.of());
        BenchResults clean = new BenchResults(RatiosTest.results(RatiosTest.result("naive_route", 1.0, 1.0),
                new ScenarioResult("supervision", null, null, null, null, null, null, 1.0, Map.of())), Map.of(), Map.of());

        assertThat(lossy.passed()).isFalse();
        assertThat(clean.passed()).isTrue();
    }

    private JsonNode write(BenchResults results) throws Exception {
        return new ObjectMapper().readTree(writeFile(results).toFile());
    }

    private Path writeFile(BenchResults results) throws Exception {
        Path file = dir.resolve("results.json");
        ResultsJson.write(results, file);
        return file;
    }
}
