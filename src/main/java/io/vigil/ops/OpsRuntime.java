package io.vigil.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.vigil.trust.crypto.CryptoProviders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.supervision.SupervisionService;
import io.vigil.trust.RejectReason;
import io.vigil.trust.TrustMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;

/**
 * Metrics, health and the management port of one receiver (docs/operations.md). Built in two steps
 * by the composition root: {@link #create} before the routes start (the stages get measured
 * collaborators through {@link #metrics()}, Camel gets the event notifier), {@link #start} once they
 * run (gauges over what the stages already keep, the health checks, the HTTP server). With
 * {@code vigil.ops.enabled=false} both steps do nothing and nothing is measured.
 */
public final class OpsRuntime implements AutoCloseable {

    private final OpsConfig config;
    private final PrometheusMeterRegistry registry;
    private final MicrometerStageMetrics metrics;
    private final StageEvents events;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private MqttSessionHealth mqttSession;
    private HealthChecks liveness;
    private HealthChecks readiness;
    private ManagementServer server;

    private OpsRuntime(OpsConfig config) {
        this.config = config;
        if (config.enabled()) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics = new MicrometerStageMetrics(registry);
            events = new StageEvents(registry);
        } else {
            registry = null;
            metrics = null;
            events = null;
        }
    }

    public static OpsRuntime create(OpsConfig config) {
        return new OpsRuntime(config);
    }

    /** What the stages already keep, read by the gauges and the health checks. */
    public record Sources(CamelContext camel, HikariDataSource pool, TrustMetrics trust, SupervisionService supervision,
                         io.vigil.kafka.KafkaClientConfig kafka, List<String> consumerGroups) {}

    public StageMetrics metrics() {
        return metrics == null ? StageMetrics.NONE : metrics;
    }

    /** Registers the Camel event notifier (per-stage counts) before the routes start. */
    public void bindEvents(BiConsumer<String, Object> bind) {
        if (events != null) {
            bind.accept("vigilStageEvents", events);
        }
    }

    /** Replaces the default broker-session check (the MQTT client is connected) before {@link #start}. */
    public OpsRuntime withMqttSession(MqttSessionHealth session) {
        this.mqttSession = session;
        return this;
    }

    public OpsRuntime start(Sources sources) throws Exception {
        if (!config.enabled()) {
            return this;
        }
        bindJvm();
        sources.pool().setMetricRegistry(registry);
        bindTrust(sources.trust());
        bindIngest(sources.camel());
        if (sources.supervision() != null) {
            bindSupervision(sources.supervision());
        }
        for (String stage : List.of("ingest", "normalize", "escalation", "audit-signals")) {
            events.stage(stage);
        }
        StoreGauges store = own(new StoreGauges(registry, sources.pool(), sources.kafka(),
                sources.consumerGroups(), config.refreshInterval())).start();
        IngestRouteSession defaultSession = new IngestRouteSession(sources.camel());
        MqttSessionHealth session = mqttSession != null ? mqttSession : defaultSession;
        liveness = own(new HealthChecks(List.of(new CamelCheck(sources.camel(), false)), config.healthTimeout()));
        readiness = own(new HealthChecks(List.of(new CamelCheck(sources.camel(), true), session.asCheck(),
                store.kafkaCheck(), new DatabaseCheck(sources.pool()), metrics.auditCheck(),
                new FeedsCheck(sources.camel(), events), new CryptoCheck()), config.healthTimeout()));
        server = own(ManagementServer.start(config, registry, liveness::run, readiness::run));
        return this;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The management server, or null when off. */
    public ManagementServer server() {
        return server;
    }

    public HealthReport readiness() {
        return readiness.run();
    }

    private void bindJvm() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        own(new JvmGcMetrics()).bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private void bindTrust(TrustMetrics trust) {
        Gauge.builder("vigil.crypto.provider", () -> 1).tag("provider", CryptoProviders.active().label())
                .description("the library that verifies signatures (value always 1; the label names it)").register(registry);
        FunctionCounter.builder("vigil.trust.accepted", trust, t -> t.snapshot().accepted())
                .description("envelopes the trust gate accepted").register(registry);
        FunctionCounter.builder("vigil.trust.redelivered", trust, t -> t.snapshot().redelivered())
                .description("broker redeliveries (DUP) accepted again").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            FunctionCounter.builder("vigil.trust.quarantined", trust, t -> t.snapshot().rejected(reason))
                    .description("envelopes the trust gate quarantined, by reason").tag("reason", reason.code())
                    .register(registry);
        }
    }

    private void bindIngest(CamelContext camel) {
        IngestRouteSession session = new IngestRouteSession(camel);
        Gauge.builder("vigil.mqtt.inflight", camel, c -> c.getInflightRepository().size(StageEvents.INGEST_ROUTE))
                .description("MQTT messages received and not yet acknowledged (in the ingest route)").register(registry);
        Gauge.builder("vigil.mqtt.connected", session, s -> {
            var state = s.state();
            return state != null && state.state() == io.vigil.ingest.mqtt.MqttSessionHealth.State.CONNECTED ? 1 : 0;
        }).description("1 while the MQTT client is connected").register(registry);
        FunctionCounter.builder("vigil.mqtt.takeovers", session, s -> s.state() == null ? 0 : s.state().takeovers())
                .description("times another client took the receiver's MQTT session over").register(registry);
        FunctionCounter.builder("vigil.mqtt.sessions.lost", session, s -> s.state() == null ? 0 : s.state().sessionsLost())
                .description("times the broker had lost the receiver's persistent session on reconnect").register(registry);
    }

    private void bindSupervision(SupervisionService supervision) {
        Gauge.builder("vigil.supervision.sites", supervision, s -> s.engine().stats().sites())
                .description("sites under heartbeat supervision").register(registry);
        Gauge.builder("vigil.supervision.overdue", supervision, s -> s.engine().stats().sitesInFailure())
                .description("supervised sites past their heartbeat deadline").register(registry);
        Gauge.builder("vigil.supervision.pending", supervision, SupervisionService::pendingSignals)
                .description("supervision signals queued for the incident engine").register(registry);
        FunctionCounter.builder("vigil.supervision.unknown.heartbeats", supervision, SupervisionService::unknownHeartbeats)
                .description("heartbeats from sites that are not supervised").register(registry);
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing what it opened; nothing else depends on it
            }
        }
        resources.clear();
        if (registry != null) {
            registry.close();
        }
    }
}
