package io.vigil.supervision;

import java.time.Duration;
import java.util.Objects;

/**
 * How the supervision engine judges sites. Keys and defaults are in docs/supervision.md.
 *
 * @param defaultInterval the interval of a site registered without one of its own
 * @param grace slack added to every deadline: a site is missed after last heartbeat + interval + grace
 * @param restartAllowance after a restart a healthy site may stay silent for at least
 *     min(its interval, this) + grace counted from the restart before it can be missed
 * @param maxMissesPerAdvance at most this many misses are reported by one {@code advance}; the
 *     rest follow on the next calls, so a mass outage neither holds the lock nor allocates without bound
 * @param expectedSites sizes the site index up front, so it need not be rehashed while loading
 */
public record SupervisionConfig(Duration defaultInterval, Duration grace, Duration restartAllowance,
                                int maxMissesPerAdvance, int expectedSites) {

    /** EN 50136 reporting times from SP6 (20 s) to SP2/DP1 (25 h) fit; SP1 (32 days) does not. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofHours(25);
    public static final Duration MAX_GRACE = Duration.ofHours(1);

    public static final SupervisionConfig DEFAULTS = new SupervisionConfig(
            Duration.ofMinutes(3), Duration.ofSeconds(10), Duration.ofHours(1), 50_000, 100_000);

    public SupervisionConfig {
        requireInterval(defaultInterval, "default interval");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(restartAllowance, "restartAllowance");
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("the grace must be between 0 and " + MAX_GRACE);
        }
        if (restartAllowance.isNegative() || restartAllowance.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("the restart allowance must be between 0 and " + MAX_INTERVAL);
        }
        if (maxMissesPerAdvance < 1) {
            throw new IllegalArgumentException("maxMissesPerAdvance must be at least 1");
        }
        if (expectedSites < 0) {
            throw new IllegalArgumentException("expectedSites must not be negative");
        }
    }

    public SupervisionConfig withDefaultInterval(Duration interval) {
        return new SupervisionConfig(interval, grace, restartAllowance, maxMissesPerAdvance, expectedSites);
    }

    public SupervisionConfig withGrace(Duration newGrace) {
        return new SupervisionConfig(defaultInterval, newGrace, restartAllowance, maxMissesPerAdvance, expectedSites);
    }

    public SupervisionConfig withRestartAllowance(Duration allowance) {
        return new SupervisionConfig(defaultInterval, grace, allowance, maxMissesPerAdvance, expectedSites);
    }

    public SupervisionConfig withMaxMissesPerAdvance(int max) {
        return new SupervisionConfig(defaultInterval, grace, restartAllowance, max, expectedSites);
    }

    public SupervisionConfig withExpectedSites(int sites) {
        return new SupervisionConfig(defaultInterval, grace, restartAllowance, maxMissesPerAdvance, sites);
    }

    static Duration requireInterval(Duration interval, String what) {
        Objects.requireNonNull(interval, what);
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("a " + what + " must be between " + MIN_INTERVAL + " and " + MAX_INTERVAL);
        }
        return interval;
    }
}
