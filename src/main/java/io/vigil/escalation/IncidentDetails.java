package io.vigil.escalation;

import java.util.List;

/** An incident with its events (oldest first, up to a limit) and its notes. */
public record IncidentDetails(IncidentView incident, List<IncidentEventView> events, List<IncidentNote> notes) {
    public IncidentDetails {
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }
}
