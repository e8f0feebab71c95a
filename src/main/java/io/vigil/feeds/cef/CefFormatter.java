package io.vigil.feeds.cef;

import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.FeedSeverity;
import io.vigil.feeds.FeedText;
import io.vigil.feeds.IncidentChange;
import io.vigil.feeds.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ArcSight Common Event Format (CEF:0) for incident changes and security events; the mapping is the
 * table in docs/feeds.md. Values are cut to the lengths of the CEF specification before escaping;
 * extension keys are fixed here, never taken from data.
 */
public final class CefFormatter {

    static final String VENDOR = "Vigil";
    static final String PRODUCT = "Vigil";

    private final String productVersion;
    private final String deviceHost;

    public CefFormatter(String productVersion, String deviceHost) {
        this.productVersion = productVersion;
        this.deviceHost = deviceHost;
    }

    public String format(FeedRecord record) {
        StringBuilder out = new StringBuilder(512).append("CEF:0|")
                .append(header(VENDOR, 63)).append('|')
                .append(header(PRODUCT, 63)).append('|')
                .append(header(productVersion, 31)).append('|')
                .append(header(signatureId(record), 1023)).append('|')
                .append(header(name(record), 512)).append('|')
                .append(FeedSeverity.cef(record.priority())).append('|');
        List<String> extension = record instanceof IncidentChange incident
                ? incident(incident) : security((SecurityEvent) record);
        out.append(String.join(" ", extension));
        return out.toString();
    }

    /** Device Event Class ID: {@code incident:<category>:<change>} or {@code security:<category>[:<code>]}. */
    public static String signatureId(FeedRecord record) {
        if (record instanceof IncidentChange incident) {
            return "incident:" + incident.category() + ":" + incident.change();
        }
        SecurityEvent event = (SecurityEvent) record;
        return "security:" + event.category() + (event.code() == null ? "" : ":" + event.code());
    }

    static String name(FeedRecord record) {
        if (record instanceof IncidentChange incident) {
            return "Incident " + incident.change() + ": "
                    + (incident.title() != null ? incident.title() : incident.category() + " at " + incident.siteId());
        }
        return ((SecurityEvent) record).description();
    }

    private List<String> incident(IncidentChange incident) {
        List<String> fields = new ArrayList<>();
        common(fields, incident, incident.incidentId(), incident.note() != null ? incident.note() : incident.title(),
                incident.operator(), String.join(",", incident.zones()));
        add(fields, "act", incident.change(), 63);
        add(fields, "cnt", incident.eventCount() == null ? null : incident.eventCount().toString(), 10);
        add(fields, "start", millis(incident.openedAt()), 20);
        add(fields, "cs3Label", "state", 1023);
        add(fields, "cs3", incident.state(), 4000);
        add(fields, "cs5Label", "flags", 1023);
        add(fields, "cs5", flags(incident), 4000);
        add(fields, "cs6Label", "last_event_id", 1023);
        add(fields, "cs6", incident.lastEventId(), 4000);
        add(fields, "cn1Label", "escalation_level", 1023);
        add(fields, "cn1", incident.escalationLevel() == null ? null : incident.escalationLevel().toString(), 20);
        return fields;
    }

    private List<String> security(SecurityEvent event) {
        List<String> fields = new ArrayList<>();
        common(fields, event, event.eventId(), event.text() != null ? event.text() : event.description(),
                event.user(), event.zone());
        add(fields, "cs3Label", "area", 1023);
        add(fields, "cs3", event.area(), 4000);
        add(fields, "cs5Label", "device", 1023);
        add(fields, "cs5", event.deviceId(), 4000);
        add(fields, "cs6Label", "source_format", 1023);
        add(fields, "cs6", event.sourceFormat(), 4000);
        return fields;
    }

    private void common(List<String> fields, FeedRecord record, String externalId, String message, String user,
                        String zone) {
        add(fields, "rt", millis(record.time()), 20);
        add(fields, "dvchost", deviceHost, 100);
        add(fields, "externalId", externalId, 40);
        add(fields, "cat", record.category(), 1023);
        add(fields, "msg", message, 1023);
        add(fields, "suser", user, 1023);
        add(fields, "cs1Label", "site", 1023);
        add(fields, "cs1", record.siteId(), 4000);
        add(fields, "cs2Label", "zone", 1023);
        add(fields, "cs2", zone == null || zone.isEmpty() ? null : zone, 4000);
        add(fields, "cs4Label", "dedup_id", 1023);
        add(fields, "cs4", record.id(), 4000);
    }

    private static String flags(IncidentChange incident) {
        List<String> flags = new ArrayList<>();
        if (Boolean.TRUE.equals(incident.confirmed())) {
            flags.add("confirmed");
        }
        if (Boolean.TRUE.equals(incident.runaway())) {
            flags.add("runaway");
        }
        return flags.isEmpty() ? null : String.join(",", flags);
    }

    private static void add(List<String> fields, String key, String value, int maxLength) {
        if (value != null) {
            fields.add(key + "=" + extensionValue(value, maxLength));
        }
    }

    private static String millis(Instant time) {
        return time == null ? null : Long.toString(time.toEpochMilli());
    }

    /** A header field: {@code \} and {@code |} escaped; CR and LF (which the header has no escape for) become spaces. */
    public static String header(String value, int maxLength) {
        String text = FeedText.oneLine(value, maxLength);
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '|') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** An extension value: {@code \}, {@code =} escaped, CR and LF as {@code \r} and {@code \n}. */
    public static String extensionValue(String value, int maxLength) {
        String text = FeedText.clean(value, maxLength);
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
