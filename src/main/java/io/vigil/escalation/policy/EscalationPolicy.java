package io.vigil.escalation.policy;

import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The escalation policy ({@code config/escalation-policy.yaml}, every field documented in
 * docs/escalation.md): which events open incidents, how they correlate, what restores do,
 * escalation timers per priority, confirmation, runaway limits and supervision incidents.
 *
 * @param incidentClasses event classes that open incidents or attach to them; restores only
 *     ever attach to or resolve an incident; every other class is a sign of life only
 * @param correlationWindow a resolved (not closed) incident of the same site and category takes a
 *     new event received within this time after its last event: it is reopened
 * @param timers escalation per priority 1..5 (index 0 = priority 1)
 * @param supervisionPriority the priority of a communications-failure incident opened by a missed
 *     heartbeat deadline
 * @param reminders who is told, and when, about an acknowledged incident not yet resolved
 *     ({@link ReminderPolicy#NONE} when the file has no {@code reminders})
 */
public record EscalationPolicy(Set<EventClass> incidentClasses, Duration correlationWindow,
                               RestorePolicy defaultRestore, Map<EventCategory, CategoryPolicy> categories,
                               List<EscalationTimer> timers, ConfirmationPolicy confirmation, RunawayPolicy runaway,
                               int supervisionPriority, ReminderPolicy reminders) {

    /** Life-safety categories: a restore never finishes their incidents, an operator must (validated). */
    public static final Set<EventCategory> OPERATOR_ONLY =
            EnumSet.of(EventCategory.FIRE, EventCategory.PANIC, EventCategory.DURESS, EventCategory.HOLDUP);

    public EscalationPolicy {
        incidentClasses = Set.copyOf(Objects.requireNonNull(incidentClasses, "incidentClasses"));
        if (incidentClasses.contains(EventClass.RESTORE) || incidentClasses.contains(EventClass.HEARTBEAT)) {
            throw new IllegalArgumentException("restore and heartbeat cannot be incident classes");
        }
        Objects.requireNonNull(correlationWindow, "correlationWindow");
        if (correlationWindow.isNegative()) {
            throw new IllegalArgumentException("the correlation window must not be negative");
        }
        Objects.requireNonNull(defaultRestore, "defaultRestore");
        categories = Map.copyOf(categories);
        for (EventCategory category : OPERATOR_ONLY) {
            if (restoreOf(categories, defaultRestore, category) != RestorePolicy.OPERATOR) {
                throw new IllegalArgumentException("category " + category.wireName()
                        + " must have restore: operator (a life-safety incident is never finished by a restore)");
            }
        }
        timers = List.copyOf(timers);
        if (timers.size() != 5) {
            throw new IllegalArgumentException("escalation timers are needed for priorities 1 to 5");
        }
        Objects.requireNonNull(confirmation, "confirmation");
        Objects.requireNonNull(runaway, "runaway");
        requirePriority(supervisionPriority);
    }

    /** The priority of an incident of {@code category} opened by an event of {@code eventPriority}. */
    public int priority(EventCategory category, int eventPriority) {
        CategoryPolicy policy = categories.get(category);
        return policy == null ? eventPriority : policy.priority().orElse(eventPriority);
    }

    public RestorePolicy restore(EventCategory category) {
        return restoreOf(categories, defaultRestore, category);
    }

    public EscalationTimer timer(int priority) {
        requirePriority(priority);
        return timers.get(priority - 1);
    }

    public boolean opensIncidents(EventClass eventClass) {
        return incidentClasses.contains(eventClass);
    }

    private static RestorePolicy restoreOf(Map<EventCategory, CategoryPolicy> categories, RestorePolicy fallback,
                                           EventCategory category) {
        CategoryPolicy policy = categories.get(category);
        return policy == null ? fallback : policy.restore();
    }

    static int requirePriority(int priority) {
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException("a priority is 1 (highest) to 5, got " + priority);
        }
        return priority;
    }
}
