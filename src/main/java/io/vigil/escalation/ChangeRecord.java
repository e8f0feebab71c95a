package io.vigil.escalation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One incident change, as written to the outbox in the transaction that made it.
 *
 * @param operatorId the operator behind an operator change, else null
 * @param note the operator's note on an operator change, else null
 * @param incident the incident right after the change
 */
public record ChangeRecord(UUID changeId, IncidentChange change, Instant changedAt, String operatorId, String note,
                           IncidentView incident) {
    public ChangeRecord {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(incident, "incident");
    }
}
