package io.vigil.feeds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A canonical event v1 of class {@code security} (docs/events.md): panel security events and
 * Vigil's own {@code reject_burst} alerts ({@code source_format} {@code receiver}).
 */
public record SecurityEvent(
        String eventId,
        String siteId,
        String deviceId,
        String sourceFormat,
        String eventClass,
        String category,
        String code,
        String zone,
        String area,
        String user,
        int priority,
        String description,
        String text,
        Instant occurredAt,
        Instant receivedAt,
        ObjectNode json) implements FeedRecord {

    public static final String KIND = "security";

    @Override
    public String id() {
        return eventId;
    }

    @Override
    public Instant time() {
        return occurredAt;
    }

    @Override
    public String kind() {
        return KIND;
    }
}
