package io.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditKind;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxRelayAuditTest {

    private final UUID incident = UUID.randomUUID();
    private final UUID change = UUID.randomUUID();

    @Test
    void operatorChangesAreOperatorActionsWithTheOperatorAsActor() {
        AuditEntry entry = OutboxRelay.auditEntry(record(IncidentChange.ACKNOWLEDGED, "op-7"));

        assertThat(entry.kind()).isEqualTo(AuditKind.OPERATOR_ACTION);
        assertThat(entry.actor().type()).isEqualTo("operator");
        assertThat(entry.actor().id()).isEqualTo("op-7");
        assertThat(entry.reason()).isEqualTo("acknowledged");
        assertThat(entry.incidentId()).isEqualTo(incident.toString());
        assertThat(entry.siteId()).isEqualTo("site-1");
        assertThat(entry.dedupKey()).isEqualTo("incident-change:" + change);
        assertThat(entry.details()).isEqualTo("{\"change\":\"acknowledged\"}");
    }

    @Test
    void systemChangesAreIncidentKindsWithTheEscalationStageAsActor() {
        assertThat(OutboxRelay.auditEntry(record(IncidentChange.OPENED, null)).kind()).isEqualTo(AuditKind.INCIDENT_OPENED);
        assertThat(OutboxRelay.auditEntry(record(IncidentChange.CLOSED, null)).kind()).isEqualTo(AuditKind.INCIDENT_CLOSED);
        AuditEntry escalated = OutboxRelay.auditEntry(record(IncidentChange.ESCALATED, null));
        assertThat(escalated.kind()).isEqualTo(AuditKind.INCIDENT_CHANGED);
        assertThat(escalated.reason()).isEqualTo("escalated");
        assertThat(escalated.actor().type()).isEqualTo("system");
        assertThat(escalated.actor().id()).isEqualTo("escalation");
    }

    private OutboxRecord record(IncidentChange kind, String operator) {
        return new OutboxRecord(1, change, incident, 2, "site-1", kind, Instant.parse("2026-01-01T00:00:00Z"), operator,
                "{\"change\":\"" + kind.wireName() + "\"}");
    }
}
