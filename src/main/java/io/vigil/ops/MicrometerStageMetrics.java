package io.vigil.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.audit.AuditLog;
import io.vigil.escalation.IncidentPublisher;
import io.vigil.normalize.Normalizer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.camel.Processor;

/** {@link StageMetrics} recording into a Micrometer registry. */
final class MicrometerStageMetrics implements StageMetrics {

    private final MeterRegistry registry;
    private final Timer verification;
    private final Timer eventToIncident;
    private MeteredAuditLog auditLog;

    MicrometerStageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.verification = Buckets.latency("vigil.trust.verification",
                "trust gate time per envelope: parse, signature, freshness, replay").register(registry);
        this.eventToIncident = Buckets.latency("vigil.escalation.event.to.commit",
                "from an event's Kafka timestamp to the commit of its incident transaction").register(registry);
    }

    @Override
    public Processor verification(Processor trustCheck) {
        return new TimedProcessor(trustCheck, verification);
    }

    @Override
    public Normalizer normalizer(Normalizer normalizer) {
        return new MeteredNormalizer(normalizer, registry);
    }

    @Override
    public IncidentPublisher incidentPublisher(IncidentPublisher publisher) {
        return new MeteredIncidentPublisher(publisher, registry);
    }

    @Override
    public AuditLog auditLog(AuditLog log) {
        auditLog = new MeteredAuditLog(log, registry);
        return auditLog;
    }

    @Override
    public LongConsumer incidentCommitted() {
        return timestamp -> eventToIncident.record(Math.max(0, System.currentTimeMillis() - timestamp), TimeUnit.MILLISECONDS);
    }

    /** The audit writer's check; up with "not measured" when the audit log was not passed through here. */
    HealthCheck auditCheck() {
        return auditLog != null ? auditLog.check() : HealthCheck.of("audit", () -> Health.up("not measured"));
    }
}
