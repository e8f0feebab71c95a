package io.vigil.feeds.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.FeedSeverity;
import io.vigil.feeds.IncidentChange;
import io.vigil.feeds.SecurityEvent;
import io.vigil.feeds.cef.CefFormatter;
import java.time.Instant;
import java.util.Set;

/**
 * Elastic Common Schema documents for incident changes and security events (mapping table in
 * docs/feeds.md). ECS has no category for physical alarms: intrusion, hold-up and life-safety alarms
 * all map to {@code intrusion_detection}; Vigil's own category stays in {@code vigil.category}.
 */
public final class EcsMapper {

    public static final String ECS_VERSION = "8.11.0";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> EQUIPMENT = Set.of("ac_loss", "low_battery", "power", "supervision", "technical", "test");

    private final String productVersion;
    private final String hostname;

    public EcsMapper(String productVersion, String hostname) {
        this.productVersion = productVersion;
        this.hostname = hostname;
    }

    public ObjectNode document(FeedRecord record) {
        ObjectNode doc = NODES.objectNode();
        doc.put("@timestamp", record.time().toString());
        doc.putObject("ecs").put("version", ECS_VERSION);
        ObjectNode event = doc.putObject("event");
        event.put("kind", "alert");
        event.putArray("category").add(category(record.category()));
        event.put("id", record.id());
        event.put("severity", FeedSeverity.cef(record.priority()));
        event.put("module", "vigil");
        event.put("dataset", "vigil." + record.kind());
        ObjectNode observer = doc.putObject("observer");
        observer.put("vendor", "Vigil").put("product", "Vigil").put("type", "alarm-receiver");
        observer.put("version", productVersion);
        if (!"-".equals(hostname)) {
            observer.put("hostname", hostname);
        }
        ObjectNode rule = doc.putObject("rule");
        rule.put("id", CefFormatter.signatureId(record));
        ObjectNode labels = doc.putObject("labels");
        labels.put("site_id", record.siteId());
        ObjectNode vigil = doc.putObject("vigil");
        vigil.put("kind", record.kind()).put("site_id", record.siteId()).put("category", record.category())
                .put("priority", record.priority());
        if (record instanceof IncidentChange incident) {
            incident(incident, doc, event, rule, labels, vigil);
        } else {
            security((SecurityEvent) record, doc, event, rule, vigil);
        }
        return doc;
    }

    private static void incident(IncidentChange incident, ObjectNode doc, ObjectNode event, ObjectNode rule,
                                 ObjectNode labels, ObjectNode vigil) {
        doc.put("message", incident.title() != null ? incident.title() : incident.category() + " at " + incident.siteId());
        event.putArray("type").add(type(incident.change()));
        event.put("outcome", "unknown");
        event.put("action", incident.change());
        putTime(event, "start", incident.openedAt());
        if (incident.eventCount() != null) {
            vigil.put("event_count", incident.eventCount());
        }
        rule.put("name", incident.category());
        labels.put("incident_id", incident.incidentId());
        vigil.put("incident_id", incident.incidentId()).put("change", incident.change());
        putText(vigil, "state", incident.state());
        if (incident.escalationLevel() != null) {
            vigil.put("escalation_level", incident.escalationLevel());
        }
        if (incident.confirmed() != null) {
            vigil.put("confirmed", incident.confirmed());
        }
        if (incident.runaway() != null) {
            vigil.put("runaway", incident.runaway());
        }
        ArrayNode zones = vigil.putArray("zones");
        incident.zones().forEach(zones::add);
        putText(vigil, "last_event_id", incident.lastEventId());
        putTime(vigil, "first_event_at", incident.firstEventAt());
        putTime(vigil, "last_event_at", incident.lastEventAt());
        putText(vigil, "note", incident.note());
        if (incident.operator() != null) {
            doc.putObject("user").put("name", incident.operator());
        }
    }

    private static void security(SecurityEvent security, ObjectNode doc, ObjectNode event, ObjectNode rule,
                                 ObjectNode vigil) {
        doc.put("message", security.text() != null ? security.text() : security.description());
        event.putArray("type").add("info");
        // access denied, wrong codes and rejected envelopes are failed attempts
        boolean failedAttempt = "access".equals(security.category()) || "reject_burst".equals(security.code());
        event.put("outcome", failedAttempt ? "failure" : "unknown");
        putText(event, "code", security.code());
        putTime(event, "created", security.receivedAt());
        rule.put("name", security.description());
        putText(vigil, "event_class", security.eventClass());
        putText(vigil, "code", security.code());
        putText(vigil, "device_id", security.deviceId());
        putText(vigil, "zone", security.zone());
        putText(vigil, "area", security.area());
        putText(vigil, "source_format", security.sourceFormat());
        putText(vigil, "text", security.text());
        if (security.user() != null) {
            doc.putObject("user").put("id", security.user());
        }
    }

    /** ECS event.category for a Vigil category. */
    static String category(String vigilCategory) {
        if (vigilCategory == null) {
            return "intrusion_detection";
        }
        return switch (vigilCategory) {
            case "system" -> "configuration";
            case "access" -> "authentication";
            case "comms" -> "network";
            default -> EQUIPMENT.contains(vigilCategory) ? "host" : "intrusion_detection";
        };
    }

    /** ECS event.type for an incident change. */
    static String type(String change) {
        return switch (change) {
            case "opened", "reopened" -> "start";
            case "resolved", "closed", "auto_resolved" -> "end";
            case "escalated", "acknowledged", "in_progress" -> "change";
            case "confirmed" -> "indicator";
            default -> "info";
        };
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putTime(ObjectNode node, String name, Instant value) {
        if (value != null) {
            node.put(name, value.toString());
        }
    }
}
