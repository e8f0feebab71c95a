package io.vigil.escalation;

import java.time.Instant;
import java.util.UUID;

/** An outbox row waiting to be published: the incidents record and what the audit row needs. */
public record OutboxRecord(long seq, UUID changeId, UUID incidentId, long version, String siteId, IncidentChange change,
                           Instant changedAt, String operatorId, String payload) {}
