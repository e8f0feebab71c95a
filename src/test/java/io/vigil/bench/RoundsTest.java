package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void everyOtherRoundRunsInReverseSoNoScenarioAlwaysGoesFirst() {
        assertThat(Rounds.order(List.of("d", "g"), 1)).containsExactly("d", "g");
        assertThat(Rounds.order(List.of("d", "g"), 2)).containsExactly("d", "g", "g", "d");
        assertThat(Rounds.order(List.of("a", "d", "g"), 3)).containsExactly("a", "d", "g", "g", "d", "a", "a", "d", "g");
    }

    @Test
    void roundsCombineIntoMeansWithTheirLossesAddedAndEachRoundKept() {
        ScenarioResult one = new ScenarioResult("d", 1000.0, 10.0, 40.0, 50.0, 0L, 400.0, 450.0, Map.of("sites", 4));
        ScenarioResult two = new ScenarioResult("d", 3000.0, 20.0, 60.0, 70.0, 2L, 300.0, 480.0, Map.of("sites", 4));

        ScenarioResult both = Rounds.combine(List.of(one, two));

        assertThat(both.msgsPerSecond()).isEqualTo(2000.0);
        assertThat(both.p99Millis()).isEqualTo(50.0);
        assertThat(both.cpuMillisPer1000()).isEqualTo(350.0);
        assertThat(both.lost()).isEqualTo(2L);
        assertThat(both.rssMegabytes()).isEqualTo(480.0);
        assertThat(both.details()).containsEntry("sites", 4);
        assertThat((List<?>) both.details().get("rounds")).hasSize(2);
        assertThat(Rounds.combine(List.of(one))).isSameAs(one);
    }
}
