package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the benchmark harness's entry point working; the numbers themselves are measured apart (docs/supervision.md). */
class SupervisionFootprintTest {

    @Test
    void measuresASmallEngine() {
        SupervisionFootprint.Footprint footprint = SupervisionFootprint.measure(36_000);

        assertThat(footprint.sites()).isEqualTo(36_000);
        assertThat(footprint.advanceDuePerCall()).isBetween(50.0, 150.0); // 250 ms of 90 s of deadlines: 100
        assertThat(footprint.toString()).contains("sites=36,000");
    }
}
