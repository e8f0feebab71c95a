package io.vigil.console;

import io.vigil.config.VigilProperties;
import java.time.Duration;

/**
 * Settings of the operator console ({@code vigil.console.*}; docs/console.md and the README list them).
 *
 * @param enabled         serve the console and accept session cookies
 * @param idleTimeout     a session without a request ends after this long
 * @param sessionMaxAge   a session ends after this long whatever happens
 * @param lockoutFailures failed sign-ins in a row that lock an account
 * @param lockoutDuration how long the lock lasts
 */
public record ConsoleConfig(boolean enabled, Duration idleTimeout, Duration sessionMaxAge, int lockoutFailures,
                            Duration lockoutDuration) {

    public ConsoleConfig {
        for (Duration d : new Duration[] {idleTimeout, sessionMaxAge, lockoutDuration}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("vigil.console.idle-timeout, session-max-age and lockout-duration"
                        + " must be positive");
            }
        }
        if (lockoutFailures < 1) {
            throw new IllegalArgumentException("vigil.console.lockout-failures must be at least 1");
        }
    }

    public static ConsoleConfig from(VigilProperties p) {
        return new ConsoleConfig(
                p.getBoolean("vigil.console.enabled", true),
                p.getDuration("vigil.console.idle-timeout", Duration.ofMinutes(30)),
                p.getDuration("vigil.console.session-max-age", Duration.ofHours(12)),
                p.getInt("vigil.console.lockout-failures", 5),
                p.getDuration("vigil.console.lockout-duration", Duration.ofMinutes(15)));
    }
}
