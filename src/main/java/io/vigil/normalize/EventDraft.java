package io.vigil.normalize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a decoder knows about one event before the context is applied: the signal's own fields.
 * {@link EventAssembler} adds ids, site, device, key, message and times. Mutable and short-lived.
 */
public final class EventDraft {
    SourceFormat sourceFormat;
    EventClass eventClass;
    EventCategory category;
    String account;
    String code;
    boolean codeKnown = true;
    Qualifier qualifier;
    String zone;
    String area;
    String user;
    int priority;
    String description;
    String text;
    Instant occurredAt;
    CanonicalEvent.SensorData sensor;
    CanonicalEvent.LocationData location;
    CanonicalEvent.Dc09Data dc09;
    final Map<String, String> decoding = new TreeMap<>();
    final List<String> flags = new ArrayList<>();

    public EventDraft(SourceFormat sourceFormat, EventClass eventClass, EventCategory category, int priority,
                      String description) {
        this.sourceFormat = sourceFormat;
        this.eventClass = eventClass;
        this.category = category;
        this.priority = priority;
        this.description = description;
    }

    public EventDraft account(String value) { this.account = value; return this; }
    public EventDraft code(String value, boolean known) { this.code = value; this.codeKnown = known; return this; }
    public EventDraft qualifier(Qualifier value) { this.qualifier = value; return this; }
    public EventDraft zone(String value) { this.zone = value; return this; }
    public EventDraft area(String value) { this.area = value; return this; }
    public EventDraft user(String value) { this.user = value; return this; }
    public EventDraft text(String value) { this.text = value; return this; }
    public EventDraft occurredAt(Instant value) { this.occurredAt = value; return this; }
    public EventDraft sensor(CanonicalEvent.SensorData value) { this.sensor = value; return this; }
    public EventDraft location(CanonicalEvent.LocationData value) { this.location = value; return this; }
    public EventDraft dc09(CanonicalEvent.Dc09Data value) { this.dc09 = value; return this; }
    public EventDraft sourceFormat(SourceFormat value) { this.sourceFormat = value; return this; }
    /** Records which named form of the format was seen (docs/events.md), e.g. {@code cid.form = dtmf16}. */
    public EventDraft decoding(String key, String value) { this.decoding.put(key, value); return this; }
    /** Records a check that disagreed without stopping the decoding, e.g. {@code cid.checksum_mismatch}. */
    public EventDraft flag(String name) { if (!flags.contains(name)) { flags.add(name); } return this; }

    public String account() { return account; }
    public Instant occurredAt() { return occurredAt; }
    public EventClass eventClass() { return eventClass; }
    public EventCategory category() { return category; }
    public String code() { return code; }
    public String area() { return area; }
}
