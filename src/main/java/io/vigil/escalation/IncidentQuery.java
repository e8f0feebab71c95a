package io.vigil.escalation;

import java.util.Set;

/**
 * A console's view of the queue: incidents in one of {@code states}, optionally of one site, some
 * categories (wire names) and some priorities; at most {@code limit}, in queue order (priority, then age).
 */
public record IncidentQuery(Set<IncidentState> states, String siteId, Set<String> categories, Set<Integer> priorities,
                            int limit) {

    public IncidentQuery {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("a query names at least one state");
        }
        states = Set.copyOf(states);
        categories = Set.copyOf(categories);
        priorities = Set.copyOf(priorities);
        if (limit < 1 || limit > IncidentService.MAX_QUEUE) {
            throw new IllegalArgumentException("limit must be 1.." + IncidentService.MAX_QUEUE);
        }
    }
}
