package io.vigil.audit;

import java.time.Instant;

/**
 * Which rows {@link AuditQuery} returns: every non-null field must match; {@code from} is
 * inclusive, {@code to} exclusive.
 */
public record AuditFilter(String siteId, String incidentId, String actorType, String actorId, String eventId,
                          String kind, Instant from, Instant to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null);

    public AuditFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: --from must be before --to");
        }
        if (actorId != null && actorType == null) {
            throw new IllegalArgumentException("an actor id needs its actor type (system, operator, api_token)");
        }
    }

    public AuditFilter site(String id) {
        return new AuditFilter(id, incidentId, actorType, actorId, eventId, kind, from, to);
    }

    public AuditFilter incident(String id) {
        return new AuditFilter(siteId, id, actorType, actorId, eventId, kind, from, to);
    }

    public AuditFilter actor(String type, String id) {
        return new AuditFilter(siteId, incidentId, type, id, eventId, kind, from, to);
    }

    public AuditFilter operator(String operatorId) {
        return actor("operator", operatorId);
    }

    public AuditFilter event(String id) {
        return new AuditFilter(siteId, incidentId, actorType, actorId, id, kind, from, to);
    }

    public AuditFilter kind(String newKind) {
        return new AuditFilter(siteId, incidentId, actorType, actorId, eventId, newKind, from, to);
    }

    public AuditFilter between(Instant newFrom, Instant newTo) {
        return new AuditFilter(siteId, incidentId, actorType, actorId, eventId, kind, newFrom, newTo);
    }
}
