package io.vigil.ops;

import io.vigil.audit.AuditLog;
import io.vigil.escalation.IncidentPublisher;
import io.vigil.normalize.Normalizer;
import java.util.function.LongConsumer;
import org.apache.camel.Processor;

/**
 * How the stages are measured without knowing it: the composition root passes each stage's
 * collaborator through here and gets a measured one back (or the same one when metrics are off).
 */
public interface StageMetrics {

    /** Metrics off: every stage keeps its own collaborator, nothing is recorded. */
    StageMetrics NONE = new StageMetrics() {
        @Override
        public Processor verification(Processor trustCheck) {
            return trustCheck;
        }

        @Override
        public Normalizer normalizer(Normalizer normalizer) {
            return normalizer;
        }

        @Override
        public IncidentPublisher incidentPublisher(IncidentPublisher publisher) {
            return publisher;
        }

        @Override
        public AuditLog auditLog(AuditLog log) {
            return log;
        }

        @Override
        public LongConsumer incidentCommitted() {
            return null;
        }
    };

    /** The trust gate's step of the ingest route: verification time. */
    Processor verification(Processor trustCheck);

    /** Events by class and category, undecodable signals by reason. */
    Normalizer normalizer(Normalizer normalizer);

    /** Incident changes by kind and priority, as they are published. */
    IncidentPublisher incidentPublisher(IncidentPublisher publisher);

    /** Audit appends, and the writer's health. */
    AuditLog auditLog(AuditLog log);

    /** Told each event record's Kafka timestamp once its incident transaction committed; null when off. */
    LongConsumer incidentCommitted();
}
