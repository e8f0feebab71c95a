package io.vigil.escalation;

import io.vigil.escalation.policy.RunawayPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * The token bucket of one site and zone. Refilled by signal time (receiver accept time), not by
 * the clock, so that reprocessing the same signals consumes the same tokens.
 */
final class RunawayBucket {

    final String siteId;
    final String zone;
    double tokens;
    Instant refilledAt;

    RunawayBucket(String siteId, String zone, double tokens, Instant refilledAt) {
        this.siteId = siteId;
        this.zone = zone;
        this.tokens = tokens;
        this.refilledAt = refilledAt;
    }

    static RunawayBucket full(String siteId, String zone, RunawayPolicy policy, Instant at) {
        return new RunawayBucket(siteId, zone, policy.burst(), at);
    }

    /** @return true if a token was taken, false if the signal is excess */
    boolean take(RunawayPolicy policy, Instant at) {
        if (at.isAfter(refilledAt)) {
            long millis = Duration.between(refilledAt, at).toMillis();
            tokens = Math.min(policy.burst(), tokens + millis * policy.tokensPerMilli());
            refilledAt = at;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    record Key(String siteId, String zone) {}
}
