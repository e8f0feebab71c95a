package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerPerformanceOutputTest {

    @Test
    void aProgressLineHasCountsAndNoPercentiles() {
        var line = ProducerPerformanceOutput.parse(
                "249733 records sent, 49936.6 records/sec (14.29 MB/sec), 7.4 ms avg latency, 245.0 ms max latency.").orElseThrow();

        assertThat(line.records()).isEqualTo(249_733);
        assertThat(line.recordsPerSecond()).isEqualTo(49_936.6);
        assertThat(line.avgLatencyMillis()).isEqualTo(7.4);
        assertThat(line.maxLatencyMillis()).isEqualTo(245.0);
        assertThat(line.isSummary()).isFalse();
    }

    @Test
    void theSummaryLineHasPercentiles() {
        var line = ProducerPerformanceOutput.parse("1000000 records sent, 49970.0 records/sec (14.30 MB/sec), 6.51 ms avg latency,"
                + " 245.00 ms max latency, 4 ms 50th, 13 ms 95th, 28 ms 99th, 61 ms 99.9th.").orElseThrow();

        assertThat(line.isSummary()).isTrue();
        assertThat(line.records()).isEqualTo(1_000_000);
        assertThat(line.recordsPerSecond()).isEqualTo(49_970.0);
        assertThat(line.p50Millis()).isEqualTo(4);
        assertThat(line.p95Millis()).isEqualTo(13);
        assertThat(line.p99Millis()).isEqualTo(28);
        assertThat(line.p999Millis()).isEqualTo(61);
    }

    @Test
    void otherOutputIsNotAReport() {
        assertThat(ProducerPerformanceOutput.parse("[2026-11-25 06:20:01,123] WARN something (org.apache.kafka)")).isEmpty();
        assertThat(ProducerPerformanceOutput.parse("")).isEmpty();
        // a locale with decimal commas would not parse: the harness starts the tool with an English locale
        assertThat(ProducerPerformanceOutput.parse(
                "10 records sent, 4,5 records/sec (0,01 MB/sec), 7,4 ms avg latency, 245,0 ms max latency.")).isEmpty();
    }
}
