package io.vigil.feeds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Incident changes and security events as the escalation and normalise stages publish them. */
public final class FeedSamples {

    /** Every character a site or operator could use to forge a field, a header or a line. */
    public static final String HOSTILE = "x|y=z\\w\"q]r\r\nCEF:0|Evil|Evil|1|forged|Forged|10|act=forged\u2028end\u0000";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedSamples() {}

    public static ObjectNode incident(String changeId, String siteId, String change, String note) {
        ObjectNode node = JSON.createObjectNode();
        node.put("spec_version", "1").put("change_id", changeId).put("change", change)
                .put("changed_at", "2026-11-25T06:32:20.114Z").put("incident_id", "7d3c1f7e-4a57-4a60-9d0e-2f1b8d1c5e01")
                .put("site_id", siteId).put("category", "burglary").put("priority", 1).put("state", "acknowledged")
                .put("escalation_level", 2).put("confirmed", true).put("runaway", false)
                .put("title", "Burglary at " + siteId).put("opened_at", "2026-11-25T06:30:00Z")
                .put("first_event_at", "2026-11-25T06:29:58Z").put("last_event_at", "2026-11-25T06:32:19Z")
                .put("event_count", 3).put("last_event_id", "0c8f3f0e-1d2b-5c3a-9b7e-5f4d3c2b1a00")
                .put("some_future_field", "ignored");
        node.putArray("zones").add("015").add("016");
        if (note != null) {
            node.put("operator", "op-7").put("note", note);
        }
        return node;
    }

    public static ObjectNode incident(String siteId, String note) {
        return incident(UUID.randomUUID().toString(), siteId, "acknowledged", note);
    }

    public static ObjectNode securityEvent(String eventId, String siteId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("spec_version", "1").put("event_id", eventId).put("site_id", siteId).put("device_id", "panel-1")
                .put("account", "1234").put("source_format", "cid").put("class", "security").put("category", "access")
                .put("code", "421").put("code_known", true).put("qualifier", "event").put("zone", "003").put("user", "12")
                .put("priority", 3).put("description", "Access denied").put("occurred_at", "2026-11-25T06:31:00Z")
                .put("received_at", "2026-11-25T06:31:01.250Z").put("key_id", "k1").put("message_id", "m1");
        return node;
    }

    public static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static IncidentChange readIncident(ObjectNode node) {
        try {
            return FeedRecordReader.incident(bytes(node));
        } catch (MalformedFeedRecordException e) {
            throw new AssertionError(e);
        }
    }

    public static SecurityEvent readSecurityEvent(ObjectNode node) {
        try {
            return FeedRecordReader.securityEvent(bytes(node));
        } catch (MalformedFeedRecordException e) {
            throw new AssertionError(e);
        }
    }
}
