package io.vigil.ingest.mqtt;

import java.time.Instant;

/**
 * The receiver's MQTT session was taken over or found gone (docs/delivery.md, "Session takeover and
 * lost sessions"). Travels the reject-burst path to {@code events.security}.
 *
 * @param detail what the consumer saw, for the operator
 */
public record MqttSessionAlert(MqttSessionHealth.AlarmKind kind, String clientId, String serverUri, String detail,
                               Instant at) {

    /** MQTT 5 reason code "Session taken over" (Mosquitto 2.0.11 closes the connection without sending it). */
    public static final int TAKEN_OVER_REASON = 0x8E;
}
