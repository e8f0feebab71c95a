package io.vigil.bench;

import io.vigil.config.VigilProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * b, kafka_ceiling: Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} (the broker's
 * kafka-tools jars, {@code vigil.bench.kafka-tools-classpath}) writing 300-byte records with
 * {@code acks=all} and {@code linger.ms=5} to a fresh benchmark topic: once at full speed
 * (throughput, CPU) and, like the message scenarios, once at the paced rate (latency).
 *
 * <p>Throughput and percentiles are the tool's own (its latency is send() to acknowledgement; the
 * records carry no publish stamp). Loss is counted the same way as elsewhere, from Kafka: records
 * in the topic afterwards against records the tool sent. The tool's CPU per 1,000 records is its
 * CPU time at full speed minus that of a run with a single record (JVM start, producer set-up and
 * shutdown), over the records sent.
 */
public final class KafkaCeilingScenario implements Scenario {

    public static final String NAME = "kafka_ceiling";
    static final String TOOL = "org.apache.kafka.tools.ProducerPerformance";

    private String topic;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void setup(BenchContext context) {
        topic = BenchTarget.kafkaTopic(NAME, context.newTag());
        context.topics().create(topic);
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        BenchSettings settings = context.settings();
        long records = settings.kafkaCeilingRecords();
        ToolRun fixedCost = runTool(context, "-one-record", 1, null);
        ToolRun full = runTool(context, "", records, settings.rate());
        ToolRun paced = settings.paced() ? runTool(context, "-paced", settings.pacedMessages(), settings.pacedRate()) : null;
        long sent = 1 + records + (paced == null ? 0 : settings.pacedMessages());
        long inTopic = context.topics().recordCount(topic);
        long cpuMillis = Math.max(0, full.cpuMillis() - fixedCost.cpuMillis());

        ProducerPerformanceOutput latency = paced == null ? full.summary() : paced.summary();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("records", records);
        details.put("records_in_topic", inTopic);
        details.put("latency_source", "ProducerPerformance: send() to acknowledgement, acks=all");
        details.put("avg_latency_ms", latency.avgLatencyMillis());
        details.put("p95_ms", latency.p95Millis());
        details.put("cpu_ms", cpuMillis);
        details.put("fixed_cpu_ms", fixedCost.cpuMillis());
        if (paced != null) {
            details.put("saturated_p50_ms", full.summary().p50Millis());
            details.put("saturated_p99_ms", full.summary().p99Millis());
            details.put("saturated_p999_ms", full.summary().p999Millis());
            details.put("paced_rate", settings.pacedRate());
            details.put("paced_messages", settings.pacedMessages());
            details.put("paced_msgs_per_s", paced.summary().recordsPerSecond());
        }
        return new ScenarioResult(NAME, full.summary().recordsPerSecond(), latency.p50Millis().doubleValue(),
                latency.p99Millis().doubleValue(), latency.p999Millis().doubleValue(), Math.max(0, sent - inTopic),
                ScenarioResult.perThousand(cpuMillis, records),
                Math.max(full.rssMegabytes(), paced == null ? 0 : paced.rssMegabytes()), details);
    }

    /** The tool's summary and its whole process's CPU time and peak RSS, read as the summary appears. */
    private record ToolRun(ProducerPerformanceOutput summary, long cpuMillis, double rssMegabytes) {}

    private ToolRun runTool(BenchContext context, String suffix, long records, Double rate) throws Exception {
        CompletableFuture<ToolRun> done = new CompletableFuture<>();
        ChildProcess child = ChildProcess.launch(NAME + suffix, command(context, records, rate), context.logFile(NAME + suffix),
                (process, line) -> ProducerPerformanceOutput.parse(line).filter(ProducerPerformanceOutput::isSummary).ifPresent(
                        // the tool has closed its producer and is about to exit: sample now, /proc goes with it
                        summary -> done.complete(new ToolRun(summary, process.accounting().cpuMillis(),
                                process.accounting().peakRssMegabytes()))));
        child.outputEnded().thenRun(() -> done.completeExceptionally(new IllegalStateException(
                "ProducerPerformance ended without a summary; its last lines:\n" + child.tail())));
        try {
            ToolRun run;
            try {
                run = done.get(records / 1_000 + 120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("ProducerPerformance did not finish; its last lines:\n" + child.tail(), e);
            } catch (ExecutionException e) {
                throw (IllegalStateException) e.getCause();
            }
            if (!child.awaitExit(Duration.ofSeconds(30))) {
                throw new IllegalStateException("ProducerPerformance did not exit after its summary");
            }
            return run;
        } finally {
            child.close();
        }
    }

    private List<String> command(BenchContext context, long records, Double rate) {
        VigilProperties properties = context.properties();
        List<String> command = new ArrayList<>(ChildProcess.javaCommand(List.of("-Xmx512m",
                "-Dlog4j2.configurationFile=" + VigilProperties.home().resolve("deploy/kafka/log4j2.yaml"))));
        command.addAll(List.of("-cp", properties.getPath("vigil.bench.kafka-tools-classpath", "var/kafka/lib/*").toString(),
                TOOL, "--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(BenchPayload.SIZE),
                "--throughput", rate == null ? "-1" : Long.toString(Math.round(rate)),
                "--producer-props", "acks=all", "linger.ms=5", "client.id=vigil-bench-" + NAME));
        context.kafkaClient().forEach((key, value) -> command.add(key + "=" + value));
        return command;
    }

    @Override
    public void teardown(BenchContext context) {
        if (topic != null) {
            context.topics().delete(topic);
        }
    }
}
