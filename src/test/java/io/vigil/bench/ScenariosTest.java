package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void withoutNamesEveryAvailableScenarioRunsInReportOrder() {
        assertThat(Scenarios.select(List.of())).extracting(Scenario::name).containsExactly(
                "broker_ceiling", "kafka_ceiling", "naive_route", "vigil_ingest", "vigil_ingest_no_metrics", "vigil_incidents", "dc09_ingest",
                "supervision", "ed25519_verify");
    }

    @Test
    void theIssuesLettersNameScenariosAndTheOrderIsTheReportsOrder() {
        assertThat(Scenarios.select(List.of("f", "g", "d", "a", "C"))).extracting(Scenario::name)
                .containsExactly("broker_ceiling", "naive_route", "vigil_ingest", "vigil_ingest_no_metrics", "supervision");
    }

    @Test
    void unknownScenariosAreRefused() {
        assertThatThrownBy(() -> Scenarios.select(List.of("nonsense"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario");
    }
}
