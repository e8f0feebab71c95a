package io.vigil.escalation;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One input of the incident machinery: a canonical event, or a supervision signal (a missed
 * heartbeat deadline, or the heartbeat that restored the site). {@code at} is the receiver's
 * accept time: correlation windows, runaway buckets and ordering use it, never the site's clock.
 */
public record Signal(UUID eventId, String siteId, String deviceId, EventClass eventClass, EventCategory category,
                     Qualifier qualifier, String code, String zone, String area, String user, int priority,
                     String description, Instant occurredAt, Instant at, Source source) {

    public enum Source {
        EVENT, SUPERVISION;

        public String wireName() {
            return this == EVENT ? "event" : "supervision";
        }
    }

    /** Code of a supervision signal for a missed heartbeat deadline. */
    public static final String HEARTBEAT_MISSED = "heartbeat_missed";
    /** Code of a supervision signal for the heartbeat that restored a site. */
    public static final String HEARTBEAT_RESTORED = "heartbeat_restored";

    public Signal {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(eventClass, "eventClass");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        occurredAt = occurredAt == null ? at : occurredAt.truncatedTo(ChronoUnit.MICROS);
        at = at.truncatedTo(ChronoUnit.MICROS);
        description = description == null ? "" : description;
    }

    public static Signal of(CanonicalEvent event) {
        return new Signal(event.eventId(), event.siteId(), event.deviceId(), event.eventClass(), event.category(),
                event.qualifier(), event.code(), event.zone(), event.area(), event.user(), event.priority(),
                event.description(), event.occurredAt(), event.receivedAt() != null ? event.receivedAt() : event.occurredAt(),
                Source.EVENT);
    }

    /** A site missed its heartbeat deadline: opens (or joins) its communications-failure incident. */
    public static Signal heartbeatMissed(String siteId, Instant deadline, int priority) {
        UUID id = NameUuids.of("supervision-missed", siteId, Long.toString(deadline.toEpochMilli()));
        return new Signal(id, siteId, null, EventClass.SUPERVISORY, EventCategory.COMMS, Qualifier.EVENT,
                HEARTBEAT_MISSED, null, null, null, priority, "Heartbeat deadline missed (communications failure)",
                deadline, deadline, Source.SUPERVISION);
    }

    /** The heartbeat that ended the failure that began at {@code missedSince}. */
    public static Signal heartbeatRestored(String siteId, Instant missedSince, Instant heartbeatAt) {
        UUID id = NameUuids.of("supervision-restored", siteId, Long.toString(missedSince.toEpochMilli()));
        return new Signal(id, siteId, null, EventClass.RESTORE, EventCategory.COMMS, Qualifier.RESTORE,
                HEARTBEAT_RESTORED, null, null, null, 5, "Heartbeat received (communications restored)",
                heartbeatAt, heartbeatAt, Source.SUPERVISION);
    }

    public boolean isRestore() {
        return eventClass == EventClass.RESTORE;
    }

    /** The runaway bucket's zone: the zone, or '' for signals without one. */
    public String bucketZone() {
        return zone == null ? "" : zone;
    }
}
