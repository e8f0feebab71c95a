package io.vigil.ingest.mqtt;

import java.time.Instant;

/**
 * The broker closed the receiver's connection because another client connected with its client id
 * (MQTT 5 DISCONNECT reason 0x8E). Travels the reject-burst path to {@code events.security}.
 */
public record SessionTakeover(String clientId, String serverUri, Instant at) {

    /** MQTT 5 reason code "Session taken over". */
    public static final int REASON_CODE = 0x8E;
}
