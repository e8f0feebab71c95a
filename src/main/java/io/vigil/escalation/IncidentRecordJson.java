package io.vigil.escalation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.normalize.EventJson;
import java.time.Instant;

/**
 * The value of an incidents record (docs/escalation.md, "The incidents record"): the change and
 * the incident right after it. Field names are a contract other components build on: add, never rename.
 */
public final class IncidentRecordJson {

    public static final String SPEC_VERSION = "1";

    private IncidentRecordJson() {}

    public static String write(ChangeRecord change) {
        IncidentView i = change.incident();
        ObjectNode node = EventJson.MAPPER.createObjectNode();
        node.put("spec_version", SPEC_VERSION);
        node.put("change_id", change.changeId().toString());
        node.put("change", change.change().wireName());
        node.put("changed_at", change.changedAt().toString());
        node.put("incident_id", i.id().toString());
        node.put("site_id", i.siteId());
        node.put("category", i.category().wireName());
        node.put("priority", i.priority());
        node.put("state", i.state().wireName());
        node.put("escalation_level", i.escalationLevel());
        node.put("confirmed", i.confirmed());
        node.put("runaway", i.runaway());
        node.put("title", i.title());
        node.put("opened_at", i.openedAt().toString());
        node.put("first_event_at", i.firstEventAt().toString());
        node.put("last_event_at", i.lastEventAt().toString());
        node.put("event_count", i.eventCount());
        ArrayNode zones = node.putArray("zones");
        i.zones().forEach(zones::add);
        if (i.lastEventId() != null) {
            node.put("last_event_id", i.lastEventId().toString());
        }
        if (change.operatorId() != null) {
            node.put("operator", change.operatorId());
        }
        if (change.note() != null) {
            node.put("note", change.note());
        }
        // additions to the contract (optional fields, omitted when absent)
        node.put("incident_version", i.version());
        time(node, "next_escalation_at", i.nextEscalationAt());
        time(node, "confirmed_at", i.confirmedAt());
        time(node, "restored_at", i.restoredAt());
        time(node, "comms_failure_since", i.supervisionMissedAt());
        text(node, "acknowledged_by", i.acknowledgedBy());
        time(node, "acknowledged_at", i.acknowledgedAt());
        text(node, "resolved_by", i.resolvedBy());
        time(node, "resolved_at", i.resolvedAt());
        text(node, "closed_by", i.closedBy());
        time(node, "closed_at", i.closedAt());
        return EventJson.write(node);
    }

    private static void time(ObjectNode node, String name, Instant value) {
        if (value != null) {
            node.put(name, value.toString());
        }
    }

    private static void text(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
