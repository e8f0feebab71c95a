package io.vigil.escalation;

import io.vigil.normalize.EventCategory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident as consoles, the operator API and the incidents topic see it. */
public record IncidentView(UUID id, String siteId, EventCategory category, int priority, IncidentState state,
                           String title, Instant openedAt, Instant firstEventAt, Instant lastEventAt, UUID lastEventId,
                           int eventCount, List<String> zones, int escalationLevel, Instant nextEscalationAt,
                           boolean confirmed, Instant confirmedAt, boolean runaway, Instant restoredAt,
                           Instant supervisionMissedAt, String acknowledgedBy, Instant acknowledgedAt,
                           String resolvedBy, Instant resolvedAt, String closedBy, Instant closedAt, long version,
                           Instant updatedAt) {
    public IncidentView {
        zones = List.copyOf(zones);
    }
}
