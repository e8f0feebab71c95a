package io.vigil.escalation.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Escalation of an unacknowledged incident of one priority: every {@code after} without an
 * acknowledgement the level goes up by one, at most {@code steps} times.
 */
public record EscalationTimer(Duration after, int steps) {
    public EscalationTimer {
        Objects.requireNonNull(after, "after");
        if (after.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("an escalation step must be at least 1 s apart");
        }
        if (steps < 0 || steps > 100) {
            throw new IllegalArgumentException("escalation steps must be between 0 and 100");
        }
    }
}
