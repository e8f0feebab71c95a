package io.vigil.escalation;

import java.util.Set;

/**
 * A console's view of the queue: incidents in one of {@code states}, optionally of one site, some
 * categories (wire names) and some priorities; at most {@code limit}, in queue order (priority, then age).
 * {@code held}: whether incidents a disaster mode holds (docs/automation.md) are left out, the only
 * ones, or not looked at.
 */
public record IncidentQuery(Set<IncidentState> states, String siteId, Set<String> categories, Set<Integer> priorities,
                            int limit, Held held) {

    /** Incidents held by a disaster mode: {@code EXCLUDE} them (the operators' queue), {@code ONLY} them, or {@code ANY}. */
    public enum Held { EXCLUDE, ONLY, ANY }

    public IncidentQuery(Set<IncidentState> states, String siteId, Set<String> categories, Set<Integer> priorities,
                         int limit) {
        this(states, siteId, categories, priorities, limit, Held.ANY);
    }

    public IncidentQuery {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("a query names at least one state");
        }
        states = Set.copyOf(states);
        categories = Set.copyOf(categories);
        priorities = Set.copyOf(priorities);
        java.util.Objects.requireNonNull(held, "held");
        if (limit < 1 || limit > IncidentService.MAX_QUEUE) {
            throw new IllegalArgumentException("limit must be 1.." + IncidentService.MAX_QUEUE);
        }
    }
}
