package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cli.VigilCli;
import io.vigil.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil bench --short} end to end against the real services, with one cheap scenario and few
 * messages: Vigil (trust gate, normalisation) as a child process, its output read back from Kafka. Checks the
 * shape of results.json, that nothing was lost, and that the report page exists. Speed is not
 * asserted here; it is what the benchmark reports.
 */
class BenchIT {

    @Test
    void aShortRunOfVigilIngestLosesNothingAndWritesBothReports() throws Exception {
        // with the services in containers there may be no mosquitto binary for a private broker
        boolean containers = TestEnvironment.get().mode().equals("containers");
        Path out = Path.of("target/bench-it");

        int exit;
        try {
            if (containers) {
                System.setProperty("vigil.bench.broker", "shared");
            }
            exit = VigilCli.commandLine().execute("bench", "--short", "--scenarios", "vigil_ingest", "--messages", "2000",
                    "--out", out.toString());
        } finally {
            System.clearProperty("vigil.bench.broker");
        }

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode receive = results.at("/scenarios/vigil_ingest");
        assertThat(results.at("/failed").isMissingNode()).as("failed: %s", results.at("/failed")).isTrue();
        assertThat(exit).isZero();
        assertThat(receive.fieldNames()).toIterable().containsSubsequence(ResultsJson.SCENARIO_KEYS);
        assertThat(receive.get("lost").asLong()).isZero();
        assertThat(receive.at("/details/received").asLong()).isEqualTo(2_000);
        assertThat(receive.get("msgs_per_s").asDouble()).isPositive();
        assertThat(receive.get("p50_ms").isNumber()).isTrue();
        assertThat(receive.get("p999_ms").asDouble()).isGreaterThanOrEqualTo(receive.get("p50_ms").asDouble());
        assertThat(receive.get("cpu_ms_per_1000").asDouble()).isPositive();
        assertThat(receive.get("rss_mb").asDouble()).isPositive();
        assertThat(results.at("/scenarios").size()).isEqualTo(1); // nothing that did not run appears
        assertThat(results.at("/meta/mode").asText()).isEqualTo("short");
        assertThat(results.at("/meta/machine/nproc").asInt()).isPositive();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg", "receive");
    }
}
