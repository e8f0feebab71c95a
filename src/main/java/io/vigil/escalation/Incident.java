package io.vigil.escalation;

import io.vigil.normalize.EventCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An incident being changed inside one transaction (the row is locked while this object lives).
 * Mutable on purpose: a batch applies many signals to the same few incidents before one write.
 * Everything outside the transaction sees {@link IncidentView}s.
 */
final class Incident {

    /** At most this many distinct zones are listed (a runaway panel must not grow a row without bound). */
    static final int MAX_ZONES = 64;

    final UUID id;
    final String siteId;
    final EventCategory category;
    final String title;
    final Instant openedAt;
    int priority;
    IncidentState state;
    Instant firstEventAt;
    Instant lastEventAt;
    UUID lastEventId;
    int eventCount;
    final TreeMap<String, Instant> zoneSeen = new TreeMap<>();
    int escalationLevel;
    Instant nextEscalationAt;
    boolean confirmed;
    Instant confirmedAt;
    boolean runaway;
    Instant restoredAt;
    Instant supervisionMissedAt;
    String acknowledgedBy;
    Instant acknowledgedAt;
    String resolvedBy;
    Instant resolvedAt;
    String closedBy;
    Instant closedAt;
    long version;
    Instant updatedAt;

    Incident(UUID id, String siteId, EventCategory category, String title, Instant openedAt) {
        this.id = id;
        this.siteId = siteId;
        this.category = category;
        this.title = title;
        this.openedAt = openedAt;
    }

    static Incident from(IncidentView v, Map<String, Instant> zoneSeen) {
        Incident i = new Incident(v.id(), v.siteId(), v.category(), v.title(), v.openedAt());
        i.priority = v.priority();
        i.state = v.state();
        i.firstEventAt = v.firstEventAt();
        i.lastEventAt = v.lastEventAt();
        i.lastEventId = v.lastEventId();
        i.eventCount = v.eventCount();
        i.zoneSeen.putAll(zoneSeen);
        for (String zone : v.zones()) {
            i.zoneSeen.putIfAbsent(zone, v.lastEventAt());
        }
        i.escalationLevel = v.escalationLevel();
        i.nextEscalationAt = v.nextEscalationAt();
        i.confirmed = v.confirmed();
        i.confirmedAt = v.confirmedAt();
        i.runaway = v.runaway();
        i.restoredAt = v.restoredAt();
        i.supervisionMissedAt = v.supervisionMissedAt();
        i.acknowledgedBy = v.acknowledgedBy();
        i.acknowledgedAt = v.acknowledgedAt();
        i.resolvedBy = v.resolvedBy();
        i.resolvedAt = v.resolvedAt();
        i.closedBy = v.closedBy();
        i.closedAt = v.closedAt();
        i.version = v.version();
        i.updatedAt = v.updatedAt();
        return i;
    }

    IncidentView view() {
        return new IncidentView(id, siteId, category, priority, state, title, openedAt, firstEventAt, lastEventAt,
                lastEventId, eventCount, new ArrayList<>(zoneSeen.keySet()), escalationLevel, nextEscalationAt,
                confirmed, confirmedAt, runaway, restoredAt, supervisionMissedAt, acknowledgedBy, acknowledgedAt,
                resolvedBy, resolvedAt, closedBy, closedAt, version, updatedAt);
    }

    /** Records a seen zone; false if the list is full and the zone is new. */
    boolean seeZone(String zone, Instant at) {
        Instant previous = zoneSeen.get(zone);
        if (previous == null && zoneSeen.size() >= MAX_ZONES) {
            return false;
        }
        if (previous == null || at.isAfter(previous)) {
            zoneSeen.put(zone, at);
        }
        return true;
    }
}
