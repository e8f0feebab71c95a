package io.vigil.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs scenarios one after another (never two at once: they would measure each other), then writes
 * {@code results.json} and {@code report.html} to the output folder. A scenario that fails is
 * reported under "failed" and the next one runs.
 */
public final class BenchRunner {

    private final BenchContext context;
    private final PrintStream progress;

    public BenchRunner(BenchContext context, PrintStream progress) {
        this.context = context;
        this.progress = progress;
    }

    public BenchResults run(List<Scenario> scenarios) throws Exception {
        return run(scenarios, 1, false);
    }

    /** {@code rounds} passes over the scenarios in alternating order ({@link Rounds}); a scenario's rounds make one result. */
    public BenchResults run(List<Scenario> scenarios, int rounds, boolean warmUp) throws Exception {
        if (rounds > 1 || warmUp) {
            List<String> once = scenarios.stream().filter(s -> !s.repeatable()).map(Scenario::name).toList();
            if (!once.isEmpty()) {
                throw new IllegalArgumentException(once + " cannot run twice in one bench run: leave out --rounds and --warm-up");
            }
        }
        Instant started = Instant.now();
        String loadAtStart = RunFacts.loadAverage();
        if (warmUp && !scenarios.isEmpty()) {
            // the run's first scenario meets cold caches in the broker, Kafka and PostgreSQL: a discarded pass takes that
            long began = System.nanoTime();
            progress.printf("bench: warm-up pass of %s (not counted) ...%n", scenarios.get(0).name());
            ScenarioResult discarded = runOne(scenarios.get(0));
            progress.printf("bench: warm-up done in %s: %s%n", seconds(began), summary(discarded));
        }
        Map<String, java.util.List<ScenarioResult>> byScenario = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Scenario scenario : Rounds.order(scenarios, rounds)) {
            if (failures.containsKey(scenario.name())) {
                continue;
            }
            long began = System.nanoTime();
            progress.printf("bench: %s ...%n", scenario.name());
            try {
                ScenarioResult result = runOne(scenario);
                byScenario.computeIfAbsent(scenario.name(), n -> new java.util.ArrayList<>()).add(result);
                progress.printf("bench: %s done in %s: %s%n", scenario.name(), seconds(began), summary(result));
            } catch (Exception e) {
                failures.put(scenario.name(), String.valueOf(e.getMessage()));
                progress.printf("bench: %s FAILED after %s: %s%n", scenario.name(), seconds(began), e.getMessage());
            }
        }
        Map<String, ScenarioResult> results = new LinkedHashMap<>();
        byScenario.forEach((name, runs) -> {
            if (!failures.containsKey(name)) {
                results.put(name, Rounds.combine(runs));
            }
        });
        BenchResults benchResults = new BenchResults(results, failures,
                RunFacts.collect(context.settings(), context.properties(), started, loadAtStart));
        Path out = context.settings().outputDir();
        ResultsJson.write(benchResults, out.resolve("results.json"));
        HtmlReport.write(benchResults, out.resolve("report.html"));
        progress.printf("bench: %d scenario(s) in %s; wrote %s and %s%n", scenarios.size(),
                Duration.between(started, Instant.now()).toSeconds() + " s", out.resolve("results.json"), out.resolve("report.html"));
        return benchResults;
    }

    private ScenarioResult runOne(Scenario scenario) throws Exception {
        try {
            scenario.setup(context);
            return scenario.run(context);
        } finally {
            try {
                scenario.teardown(context);
            } catch (Exception e) {
                progress.printf("bench: %s teardown: %s%n", scenario.name(), e.getMessage());
            }
        }
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static String summary(ScenarioResult r) {
        StringBuilder line = new StringBuilder();
        append(line, "msgs/s", r.msgsPerSecond(), "%,.0f");
        append(line, "p50", r.p50Millis(), "%.2f ms");
        append(line, "p99", r.p99Millis(), "%.2f ms");
        append(line, "p99.9", r.p999Millis(), "%.2f ms");
        if (r.lost() != null) {
            line.append("lost ").append(r.lost()).append(", ");
        }
        append(line, "cpu/1000", r.cpuMillisPer1000(), "%.1f ms");
        append(line, "rss", r.rssMegabytes(), "%.0f MiB");
        r.details().forEach((key, value) -> {
            if (key.equals("heap_mb") || key.equals("bytes_per_site") || key.startsWith("us_per_verify")) {
                line.append(key).append(' ').append(value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : value).append(", ");
            }
        });
        return line.length() == 0 ? "" : line.substring(0, line.length() - 2);
    }

    private static void append(StringBuilder line, String label, Double value, String format) {
        if (value != null) {
            line.append(label).append(' ').append(String.format(Locale.ROOT, format, value)).append(", ");
        }
    }
}
