package io.vigil.escalation;

import io.vigil.normalize.EventCategory;

/** Correlation key: signals of the same site and category belong to the same open incident. */
record IncidentKey(String siteId, EventCategory category) implements Comparable<IncidentKey> {
    @Override
    public int compareTo(IncidentKey other) {
        int bySite = siteId.compareTo(other.siteId);
        return bySite != 0 ? bySite : category.wireName().compareTo(other.category.wireName());
    }
}
