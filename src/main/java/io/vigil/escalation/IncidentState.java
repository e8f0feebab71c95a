package io.vigil.escalation;

import java.util.Locale;

/** Where an incident is in its life; the allowed moves are {@link IncidentTransitions}. */
public enum IncidentState {
    NEW, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** In the operators' queue: not yet resolved. At most one open incident per site and category. */
    public boolean isOpen() {
        return this == NEW || this == ACKNOWLEDGED || this == IN_PROGRESS;
    }

    public static IncidentState fromWireName(String name) {
        for (IncidentState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown incident state " + name);
    }
}
