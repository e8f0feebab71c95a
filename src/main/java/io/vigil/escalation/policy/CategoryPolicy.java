package io.vigil.escalation.policy;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How incidents of one category are handled.
 *
 * @param priority the incident priority; empty: the priority of the events (the code table's)
 * @param restore what a restore does
 */
public record CategoryPolicy(OptionalInt priority, RestorePolicy restore) {
    public CategoryPolicy {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(restore, "restore");
        priority.ifPresent(EscalationPolicy::requirePriority);
    }
}
