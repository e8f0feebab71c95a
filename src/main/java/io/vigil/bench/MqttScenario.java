package io.vigil.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message scenario: simulated sites publish over MQTT into a {@link Pipeline}, whose output is
 * counted. Three passes, each awaited until all its messages have arrived (or stopped arriving):
 * <ol>
 *   <li>warm-up, not reported;</li>
 *   <li>measured, as fast as the publish window allows (or at {@code --rate}): throughput, loss and
 *       CPU per 1,000 messages;</li>
 *   <li>paced, at a moderate fixed rate: the latency percentiles. At full speed the slowest stage has
 *       a queue in front of it (the broker acknowledges the publisher before the far end has the
 *       message), so latency then measures that queue; the measured pass's percentiles are kept in
 *       the details as {@code saturated_*}. With {@code --rate} there is no paced pass.</li>
 * </ol>
 * CPU is the measured process's, from just before a pass's first publish to its last arrival. By
 * default every scenario gets a {@link PrivateBroker} of its own; its CPU is in the details.
 */
public final class MqttScenario implements Scenario {

    private final String name;
    private final Pipeline pipeline;
    private final StampEncoder encoder;
    private PrivateBroker broker;
    private BenchTarget target;
    private Pipeline.Running running;

    public MqttScenario(String name, Pipeline pipeline, StampEncoder encoder) {
        this.name = name;
        this.pipeline = pipeline;
        this.encoder = encoder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setup(BenchContext context) throws Exception {
        BenchSettings settings = context.settings();
        Map<BenchStamp.Phase, Long> expected = new EnumMap<>(BenchStamp.Phase.class);
        expected.put(BenchStamp.Phase.WARMUP, settings.warmupMessages());
        expected.put(BenchStamp.Phase.MEASURED, settings.messages());
        expected.put(BenchStamp.Phase.PACED, settings.pacedMessages());
        String brokerUrl = context.sharedMqttBrokerUrl();
        String sitesBrokerUrl = context.properties().get("vigil.mqtt.sites-broker-url");
        if (context.privateBroker()) {
            broker = PrivateBroker.start(context.properties(), context.brokerDir(name));
            brokerUrl = broker.servicesUrl();
            sitesBrokerUrl = broker.url();
        }
        encoder.prepare(context);
        target = new BenchTarget(name, context.newTag(), expected, brokerUrl, sitesBrokerUrl);
        running = pipeline.start(context, target);
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        BenchSettings settings = context.settings();
        try (LoadGenerator load = LoadGenerator.connect(context, target)) {
            Pass warmup = pass(context, load, BenchStamp.Phase.WARMUP, settings.warmupMessages(), settings.rate());
            if (running.arrivals().received(BenchStamp.Phase.WARMUP) == 0) {
                throw new IllegalStateException("none of " + warmup.published().published()
                        + " warm-up messages came through: the system under test is not receiving");
            }
            Pass measured = pass(context, load, BenchStamp.Phase.MEASURED, settings.messages(), settings.rate());
            Pass paced = settings.paced()
                    ? pass(context, load, BenchStamp.Phase.PACED, settings.pacedMessages(), settings.pacedRate()) : null;
            double rss = running.measured().peakRssMegabytes();
            Map<BenchStamp.Phase, DeliveryTally> tallies = running.arrivals().finish();
            return result(settings, measured, tallies.get(BenchStamp.Phase.MEASURED), paced,
                    paced == null ? null : tallies.get(BenchStamp.Phase.PACED), rss);
        }
    }

    /** CPU milliseconds of the measured process and of the private broker (0 without one) during a pass. */
    private record Pass(LoadGenerator.PublishReport published, long cpuMillis, long brokerCpuMillis) {}

    private Pass pass(BenchContext context, LoadGenerator load, BenchStamp.Phase phase, long count, Double rate)
            throws InterruptedException {
        Arrivals arrivals = running.arrivals();
        long cpuBefore = running.measured().cpuMillis();
        long brokerCpuBefore = brokerCpuMillis();
        LoadGenerator.PublishReport published = load.publish(phase, count, rate, encoder);
        Waiting.untilDoneOrIdle(() -> arrivals.received(phase) >= count, () -> arrivals.received(phase),
                context.settings().idleTimeout());
        return new Pass(published, running.measured().cpuMillis() - cpuBefore, brokerCpuMillis() - brokerCpuBefore);
    }

    private long brokerCpuMillis() {
        return broker == null ? 0 : broker.accounting().cpuMillis();
    }

    private ScenarioResult result(BenchSettings settings, Pass measured, DeliveryTally measuredTally, Pass paced,
                                  DeliveryTally pacedTally, double rss) {
        LatencySummary saturated = measuredTally.latency();
        LatencySummary latency = pacedTally == null ? saturated : pacedTally.latency();
        long lost = measuredTally.lost() + (pacedTally == null ? 0 : pacedTally.lost());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messages", settings.messages());
        details.put("received", measuredTally.received());
        details.put("duplicates", measuredTally.duplicates() + (pacedTally == null ? 0 : pacedTally.duplicates()));
        details.put("publish_acknowledged", measured.published().acknowledged()
                + (paced == null ? 0 : paced.published().acknowledged()));
        details.put("publish_refused", measured.published().refused() + (paced == null ? 0 : paced.published().refused()));
        details.put("publish_failed", measured.published().failed() + (paced == null ? 0 : paced.published().failed()));
        details.put("publish_msgs_per_s", rate(measured.published()));
        details.put("target_rate", settings.rate());
        details.put("cpu_ms", measured.cpuMillis());
        if (broker != null) {
            details.put("broker_cpu_ms_per_1000", ScenarioResult.perThousand(measured.brokerCpuMillis(), measuredTally.received()));
        }
        if (pacedTally != null) {
            details.put("saturated_p50_ms", saturated.p50Millis());
            details.put("saturated_p99_ms", saturated.p99Millis());
            details.put("saturated_p999_ms", saturated.p999Millis());
            details.put("paced_rate", settings.pacedRate());
            details.put("paced_messages", settings.pacedMessages());
            details.put("paced_msgs_per_s", pacedTally.msgsPerSecond());
            details.put("paced_cpu_ms_per_1000", ScenarioResult.perThousand(paced.cpuMillis(), pacedTally.received()));
        }
        details.put("sites", settings.sites());
        details.put("in_flight", settings.sites() * settings.window());
        details.put("warmup_messages", settings.warmupMessages());
        return new ScenarioResult(name, measuredTally.msgsPerSecond(), latency.p50Millis(), latency.p99Millis(),
                latency.p999Millis(), lost, ScenarioResult.perThousand(measured.cpuMillis(), measuredTally.received()), rss,
                details);
    }

    private static Double rate(LoadGenerator.PublishReport published) {
        return published.nanos() == 0 ? null : published.published() * 1e9 / published.nanos();
    }

    @Override
    public void teardown(BenchContext context) throws Exception {
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
