package io.vigil.cli;

import io.vigil.bench.BareSubscriber;
import io.vigil.bench.BenchContext;
import io.vigil.bench.BenchResults;
import io.vigil.bench.BenchRunner;
import io.vigil.bench.BenchSettings;
import io.vigil.bench.BenchStamp;
import io.vigil.bench.NaiveRoute;
import io.vigil.bench.Scenario;
import io.vigil.bench.Scenarios;
import io.vigil.bench.SupervisionProbe;
import io.vigil.config.VigilProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure Vigil against its baselines on this machine and write target/bench/results.json"
                + " and report.html (see docs/benchmarks.md). Needs the local services and the built distribution.",
                "Exit code 1 when a scenario failed or lost a message."},
        subcommands = {BenchCommand.Subscriber.class, BenchCommand.NaiveRouteChild.class, BenchCommand.SupervisionProbeChild.class})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--short", description = "The quick preset (well under 2 minutes in all), e.g. for CI.")
    boolean quick;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Only these scenarios (names or the letters a to g). Default: all available: "
                    + "broker_ceiling, kafka_ceiling, naive_route, vigil_ingest, vigil_ingest_no_metrics, vigil_incidents, supervision,"
                    + " ed25519_verify.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--messages", paramLabel = "N",
            description = "Measured messages per MQTT scenario (default 20,000 short, 200,000 full).")
    Long messages;

    @Option(names = "--rate", paramLabel = "R",
            description = "Publish the measured messages at R/s over all sites (default: as fast as the window allows,"
                    + " then a paced pass for the latency).")
    Double rate;

    @Option(names = "--latency-rate", paramLabel = "R",
            description = "Rate of the paced pass the latency percentiles come from (default 1,000 messages/s).")
    Double latencyRate;

    @Option(names = "--sites", paramLabel = "S", description = "Simulated sites, one MQTT connection each (default 4).")
    Integer sites;

    @Option(names = "--window", paramLabel = "W", description = "Unacknowledged publishes per site (default 250).")
    Integer window;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1", description = "Run the scenarios N times, "
            + "every other time in reverse order (2: A B B A), and report each scenario's mean (e.g. --scenarios d,g --rounds 2).")
    int rounds;

    @Option(names = "--warm-up", description = "Run the first scenario once before the measured passes and discard it "
            + "(the first scenario of a run meets cold caches in the broker, Kafka and PostgreSQL).")
    boolean warmUp;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: vigil.bench.output-dir, target/bench).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Scenario> selected;
        BenchSettings settings;
        VigilProperties properties = VigilProperties.load();
        try {
            selected = Scenarios.select(scenarios);
            settings = settings(properties);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1");
        }
        BenchResults results;
        try {
            results = new BenchRunner(new BenchContext(settings, properties), System.err).run(selected, rounds, warmUp);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return results.passed() ? 0 : 1;
    }

    private BenchSettings settings(VigilProperties properties) {
        Path outputDir = out != null ? out.toAbsolutePath() : properties.getPath("vigil.bench.output-dir", "target/bench");
        BenchSettings settings = BenchSettings.defaults(quick ? BenchSettings.Mode.SHORT : BenchSettings.Mode.FULL, outputDir);
        if (messages != null) {
            settings = settings.withMessages(messages);
        }
        if (rate != null) {
            settings = settings.withRate(rate);
        }
        if (latencyRate != null) {
            settings = settings.withPacedRate(latencyRate);
        }
        if (sites != null || window != null) {
            settings = settings.withConnections(sites != null ? sites : settings.sites(), window != null ? window : settings.window());
        }
        return settings;
    }

    @Command(name = "subscriber", hidden = true, description = "broker_ceiling's far end (started by vigil bench).")
    static final class Subscriber implements Callable<Integer> {
        @Option(names = "--filter", required = true) String filter;
        @Option(names = "--client-id", required = true) String clientId;
        @Option(names = "--tag", required = true) String tag;
        @Option(names = "--expected", required = true, split = ",") Map<BenchStamp.Phase, Long> expected;

        @Override
        public Integer call() throws Exception {
            BareSubscriber.run(VigilProperties.load(), filter, clientId, tag, expected);
            return 0;
        }
    }

    @Command(name = "naive-route", hidden = true, description = "naive_route's Camel route (started by vigil bench).")
    static final class NaiveRouteChild implements Callable<Integer> {
        @Option(names = "--filter", required = true) String filter;
        @Option(names = "--client-id", required = true) String clientId;
        @Option(names = "--topic", required = true) String topic;

        @Override
        public Integer call() throws Exception {
            NaiveRoute.run(VigilProperties.load(), filter, clientId, topic);
            return 0;
        }
    }

    @Command(name = "supervision-probe", hidden = true, description = "supervision's measurement (started by vigil bench).")
    static final class SupervisionProbeChild implements Callable<Integer> {
        @Option(names = "--sites", required = true) int sites;

        @Override
        public Integer call() {
            SupervisionProbe.run(sites);
            return 0;
        }
    }
}
