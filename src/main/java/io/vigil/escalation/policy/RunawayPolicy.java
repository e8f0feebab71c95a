package io.vigil.escalation.policy;

import java.time.Duration;

/**
 * A token bucket per site and zone: a zone may send {@code burst} incident signals at once and
 * then one per {@code refillEvery}. A signal that finds the bucket empty is excess: it is attached
 * to the zone's incident instead of opening one, and the incident is flagged runaway.
 */
public record RunawayPolicy(int burst, Duration refillEvery) {
    public RunawayPolicy {
        if (burst < 1) {
            throw new IllegalArgumentException("the runaway burst must be at least 1");
        }
        if (refillEvery == null || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("the runaway refill interval must be positive");
        }
    }

    /** Tokens regained per millisecond. */
    public double tokensPerMilli() {
        return 1.0 / refillEvery.toMillis();
    }
}
