package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine cli = VigilCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

    @Test
    void anUnknownScenarioIsAUsageErrorBeforeAnythingRuns() {
        int exit = cli.execute("bench", "--short", "--scenarios", "a,z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario z");
    }

    @Test
    void invalidSettingsAreAUsageError() {
        assertThat(cli.execute("bench", "--messages", "0")).isEqualTo(2);
        assertThat(cli.execute("bench", "--rate", "-5")).isEqualTo(2);
    }

    @Test
    void helpShowsTheOptionsButNotTheChildProcessesCommands() {
        assertThat(cli.execute("bench", "--help")).isZero();

        assertThat(out.toString()).contains("--short", "--scenarios", "--messages", "--rate", "--latency-rate")
                .doesNotContain("naive-route", "supervision-probe", "subscriber");
    }
}
