package io.vigil.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * One fact to append to the audit trail: what happened ({@code kind}), who did it, what it concerns,
 * and optional details as a JSON document. The chain fields (seq, time, hashes) are the appender's.
 *
 * @param details  JSON text, stored and hashed exactly as given; {@code null} for none
 * @param dedupKey idempotence key: at most one row per (kind, dedupKey); {@code null} to always append
 */
public record AuditEntry(String kind, Actor actor, String siteId, String incidentId, String eventId, String reason,
                         String details, String dedupKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public AuditEntry {
        if (!AuditKind.isValid(kind)) {
            throw new IllegalArgumentException("audit kind must be dotted lower case (signal.accepted), got "
                    + io.vigil.support.LogSafe.quote(kind));
        }
        Objects.requireNonNull(actor, "actor");
        AuditText.requireStorable("site id", siteId);
        AuditText.requireStorable("incident id", incidentId);
        AuditText.requireStorable("event id", eventId);
        AuditText.requireStorable("reason", reason);
        AuditText.requireStorable("dedup key", dedupKey);
        if (details != null) {
            AuditText.requireStorable("details", details);
            requireJson(details);
        }
    }

    public static AuditEntry of(String kind, Actor actor) {
        return new AuditEntry(kind, actor, null, null, null, null, null, null);
    }

    /** A signal the trust stage accepted; repeats of the same event id are recorded once. */
    public static AuditEntry signalAccepted(String siteId, String eventId) {
        return of(AuditKind.SIGNAL_ACCEPTED, Actor.system("trust")).site(siteId).event(eventId).dedupKey(eventId);
    }

    /** A signal the trust stage quarantined, with its reason code; repeats are recorded once. */
    public static AuditEntry signalQuarantined(String siteId, String eventId, String reason) {
        return of(AuditKind.SIGNAL_QUARANTINED, Actor.system("trust")).site(siteId).event(eventId).reason(reason)
                .dedupKey(eventId);
    }

    public static AuditEntry operatorAction(String operatorId, String action) {
        return of(AuditKind.OPERATOR_ACTION, Actor.operator(operatorId)).reason(action);
    }

    public AuditEntry site(String newSiteId) {
        return new AuditEntry(kind, actor, newSiteId, incidentId, eventId, reason, details, dedupKey);
    }

    public AuditEntry incident(String newIncidentId) {
        return new AuditEntry(kind, actor, siteId, newIncidentId, eventId, reason, details, dedupKey);
    }

    public AuditEntry event(String newEventId) {
        return new AuditEntry(kind, actor, siteId, incidentId, newEventId, reason, details, dedupKey);
    }

    public AuditEntry reason(String newReason) {
        return new AuditEntry(kind, actor, siteId, incidentId, eventId, newReason, details, dedupKey);
    }

    public AuditEntry dedupKey(String newDedupKey) {
        return new AuditEntry(kind, actor, siteId, incidentId, eventId, reason, details, newDedupKey);
    }

    /** Details as JSON text, kept byte for byte. */
    public AuditEntry details(String json) {
        return new AuditEntry(kind, actor, siteId, incidentId, eventId, reason, json, dedupKey);
    }

    /** Details as a JSON tree (or any value Jackson can write), serialised compactly once, here. */
    public AuditEntry details(Object value) {
        if (value == null) {
            return details((String) null);
        }
        try {
            return details(JSON.writeValueAsString(value instanceof JsonNode node ? node : JSON.valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("details cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void requireJson(String text) {
        try (var parser = JSON.createParser(text)) {
            // exactly one JSON value, read to its end: syntax errors throw, trailing values are refused
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("details is empty: use null for no details");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("details holds more than one JSON value");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("details is not valid JSON: "
                    + io.vigil.support.LogSafe.quote(e.getMessage()), e);
        }
    }
}
