package io.vigil.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The processes under test of the message scenarios, each a JVM of the same distribution as the harness. */
final class ChildProcesses {

    /** Longer than Camel's shutdown timeout (30 s), so a graceful stop is never cut short. */
    static final Duration STOP_GRACE = Duration.ofSeconds(40);
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The heap VigilProcess gives the receiver in the integration tests; the same for every JVM under test. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m");

    private ChildProcesses() {}

    /** c, naive_route: {@code vigil bench naive-route}, the obvious Camel route with component defaults. */
    static ChildProcess naiveRoute(BenchContext context, BenchTarget target) throws Exception {
        return ChildProcess.start(target.scenario(), ChildProcess.vigilCommand(JVM_OPTIONS, broker(target), List.of(
                        "bench", "naive-route", "--filter", target.mqttFilter(), "--client-id", target.clientId(),
                        "--topic", target.kafkaTopic())),
                context.logFile(target.scenario()), ChildProtocol::isReady, ChildProcess.Listener.NONE, START_TIMEOUT);
    }

    /**
     * d, vigil_ingest: {@code vigil run} as shipped (routes/, config/: trust gate, normalisation, audit of
     * signals), with the run's own subscription, client id, consumer groups and topics; the events of
     * the benchmark's sensor messages go to the target's topic. Its persistent session expires a minute
     * after it stops.
     */
    /** The Kafka topics a receiver launched by {@link #vigilIngest} creates for a run (its own name for each role). */
    static java.util.List<String> vigilTopics(BenchTarget target) {
        return io.vigil.kafka.VigilTopics.ROLES.stream().map(role -> "bench." + target.tag() + "." + role).toList();
    }

    static ChildProcess vigilIngest(BenchContext context, BenchTarget target) throws Exception {
        return vigilRun(context, target, true);
    }

    /** g, vigil_ingest_no_metrics: d with {@code vigil.ops.enabled=false} (no meter recorded, no management port). */
    static ChildProcess vigilIngestWithoutMetrics(BenchContext context, BenchTarget target) throws Exception {
        return vigilRun(context, target, false);
    }

    private static ChildProcess vigilRun(BenchContext context, BenchTarget target, boolean metrics) throws Exception {
        Map<String, String> overrides = new java.util.HashMap<>();
        overrides.put("vigil.ops.enabled", Boolean.toString(metrics));
        overrides.put("vigil.ops.port", "0");
        overrides.put("vigil.api.port", "0"); // a free port: another receiver on this host may hold 8443
        overrides.put("vigil.mqtt.broker-url", target.mqttBrokerUrl());
        overrides.put("vigil.mqtt.topic", target.mqttFilter());
        overrides.put("vigil.mqtt.client-id", target.clientId());
        overrides.put("vigil.mqtt.session-expiry-seconds", "60");
        for (String role : io.vigil.kafka.VigilTopics.ROLES) {
            overrides.put("vigil.kafka.topic." + role, "bench." + target.tag() + "." + role);
        }
        overrides.put("vigil.kafka.topic.sensor", target.kafkaTopic());
        overrides.put("vigil.normalize.group-id", "bench-normalize-" + target.tag());
        overrides.put("vigil.audit.signals.group-id", "bench-audit-" + target.tag());
        overrides.put("vigil.escalation.group-id", "bench-escalation-" + target.tag());
        overrides.put("vigil.supervision.snapshot-file", context.settings().outputDir().resolve("supervision-" + target.tag()
                + ".snapshot").toString());
        return ChildProcess.start(target.scenario(), ChildProcess.vigilCommand(JVM_OPTIONS, overrides, List.of("run")),
                context.logFile(target.scenario()),
                line -> line.contains(io.vigil.app.VigilApplication.READY_LOG_LINE), ChildProcess.Listener.NONE,
                START_TIMEOUT);
    }

    private static Map<String, String> broker(BenchTarget target) {
        return Map.of("vigil.mqtt.broker-url", target.mqttBrokerUrl());
    }

    /** Messages per phase as the subscriber takes them: {@code WARMUP=2000,MEASURED=20000,...}. */
    private static String expected(BenchTarget target) {
        StringBuilder text = new StringBuilder();
        target.expected().forEach((phase, count) -> text.append(text.length() == 0 ? "" : ",").append(phase).append('=').append(count));
        return text.toString();
    }

    /** a, broker_ceiling: {@code vigil bench subscriber}, a bare Paho client that counts what it receives. */
    static ChildProcess subscriber(BenchContext context, BenchTarget target, ChildProcess.Listener listener) throws Exception {
        return ChildProcess.start(target.scenario(), ChildProcess.vigilCommand(JVM_OPTIONS, broker(target), List.of(
                        "bench", "subscriber", "--filter", target.mqttFilter(), "--client-id", target.clientId(),
                        "--tag", target.tag(), "--expected", expected(target))),
                context.logFile(target.scenario()), ChildProtocol::isReady, listener, START_TIMEOUT);
    }
}
