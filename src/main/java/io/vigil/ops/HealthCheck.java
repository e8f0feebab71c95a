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

    /** A critical check of this name that answers with {@code health}. */
    static HealthCheck of(String name, java.util.function.Supplier<Health> health) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Health check() {
                return health.get();
            }
        };
    }
}
