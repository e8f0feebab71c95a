package io.vigil.escalation;

import java.util.Locale;

/** What happened to an incident: the {@code change} of an incidents record (docs/escalation.md). */
public enum IncidentChange {
    OPENED, EVENT_ATTACHED, ESCALATED, CONFIRMED, RUNAWAY, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED,
    AUTO_RESOLVED, REOPENED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static IncidentChange fromWireName(String name) {
        for (IncidentChange change : values()) {
            if (change.wireName.equals(name)) {
                return change;
            }
        }
        throw new IllegalArgumentException("unknown incident change " + name);
    }
}
