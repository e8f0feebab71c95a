package io.vigil.escalation.policy;

import io.vigil.normalize.EventCategory;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Sequential confirmation (EN 50131-9 / DD 243 practice): signals from two different zones of an
 * incident within {@code window} confirm it, and its priority is raised to {@code priority}.
 */
public record ConfirmationPolicy(Set<EventCategory> categories, Duration window, int priority) {
    public ConfirmationPolicy {
        categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the confirmation window must be positive");
        }
        EscalationPolicy.requirePriority(priority);
    }

    public boolean applies(EventCategory category) {
        return categories.contains(category);
    }
}
