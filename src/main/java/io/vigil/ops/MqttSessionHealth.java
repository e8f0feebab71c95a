package io.vigil.ops;

/**
 * The broker session's state for readiness. The default ({@link IngestRouteSession}) says whether the
 * ingest route's MQTT client is connected; a consumer that knows more (a session taken over by another
 * client id, a session the broker lost) supplies its own implementation.
 */
@FunctionalInterface
public interface MqttSessionHealth {

    Health session();

    /** As a readiness check named {@code mqtt}. */
    default HealthCheck asCheck() {
        return HealthCheck.of("mqtt", this::session);
    }
}
