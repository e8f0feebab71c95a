package io.vigil.feeds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** One change of an incident, as published on the {@code incidents} topic (spec version 1). */
public record IncidentChange(
        String changeId,
        String change,
        Instant changedAt,
        String incidentId,
        String siteId,
        String category,
        int priority,
        String state,
        Integer escalationLevel,
        Boolean confirmed,
        Boolean runaway,
        String title,
        Instant openedAt,
        Instant firstEventAt,
        Instant lastEventAt,
        Integer eventCount,
        List<String> zones,
        String lastEventId,
        String operator,
        String note,
        ObjectNode json) implements FeedRecord {

    public static final String KIND = "incident";

    public IncidentChange {
        zones = zones == null ? List.of() : List.copyOf(zones);
    }

    @Override
    public String id() {
        return changeId;
    }

    @Override
    public Instant time() {
        return changedAt;
    }

    @Override
    public String kind() {
        return KIND;
    }
}
