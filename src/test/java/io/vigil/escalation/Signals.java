package io.vigil.escalation;

import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;
import java.time.Instant;
import java.util.UUID;

/** Test signals: canonical-event signals with just the fields correlation looks at. */
public final class Signals {

    private Signals() {}

    public static Signal alarm(String site, EventCategory category, String zone, Instant at) {
        return event(site, EventClass.ALARM, category, zone, at, 3);
    }

    public static Signal restore(String site, EventCategory category, String zone, Instant at) {
        return event(site, EventClass.RESTORE, category, zone, at, 4);
    }

    public static Signal event(String site, EventClass eventClass, EventCategory category, String zone, Instant at, int priority) {
        return new Signal(UUID.randomUUID(), site, "panel-1", eventClass, category,
                eventClass == EventClass.RESTORE ? Qualifier.RESTORE : Qualifier.EVENT, "130", zone, "01", null,
                priority, category.wireName() + " " + eventClass.wireName(), at, at, Signal.Source.EVENT);
    }
}
