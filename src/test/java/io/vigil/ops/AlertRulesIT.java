package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of deploy/prometheus with Prometheus' own tool (Debian's {@code prometheus}
 * package, installed by scripts/services): valid, their unit tests in alerts.test.yml pass, and
 * docs/operations.md has a runbook line for every alert and a row for every metric they use.
 */
class AlertRulesIT {

    private static final Path DIR = Path.of("deploy/prometheus");
    private static final String PROMTOOL = "/usr/bin/promtool";

    @Test
    void theRulesAndTheScrapeConfigAreValid() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 9 rules found");
        assertThat(promtool("check", "config", "prometheus.yml")).contains("is valid prometheus config file syntax");
    }

    @Test
    void everyAlertFiresWhenItShouldAndNotWhenItShouldNot() throws Exception {
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void everyAlertHasARunbookLineAndEveryMetricItUsesIsDocumented() throws IOException {
        String rules = Files.readString(DIR.resolve("alerts.yml"));
        String docs = Files.readString(Path.of("docs/operations.md"));
        for (String alert : matches(rules, "- alert: (\\w+)")) {
            assertThat(docs).as("runbook line of " + alert).contains("| `" + alert + "` |");
        }
        for (String metric : matches(rules, "\\b(vigil_[a-z_]+)\\b")) {
            assertThat(docs).as("documented metric " + metric).contains("`" + metric.replaceAll("_total$", "") );
        }
    }

    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.stream().distinct().collect(Collectors.toList());
    }

    private static String promtool(String... args) throws Exception {
        assertThat(Path.of(PROMTOOL)).as("promtool (Debian package prometheus; scripts/services up installs it)").isExecutable();
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool " + String.join(" ", args) + " said:\n" + output).isZero();
        return output;
    }
}
