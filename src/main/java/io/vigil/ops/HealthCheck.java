package io.vigil.ops;

/**
 * One named check of the readiness or liveness report (docs/operations.md). A check answers quickly
 * or is cut off by {@link HealthChecks}'s timeout; it never throws for a dependency that is down.
 *
 * @see MqttSessionHealth the broker session's check, which the MQTT consumer can replace
 */
public interface HealthCheck {

    String name();

    /** A critical check that is down makes the process not ready; a non-critical one is reported only. */
    default boolean critical() {
        return true;
    }

    Health check() throws Exception;
}
