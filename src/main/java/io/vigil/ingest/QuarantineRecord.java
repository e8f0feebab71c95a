package io.vigil.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;

/**
 * What the quarantine topic holds for a message that was not let through (docs/topics.md): the
 * reason, where and when it came from, and the payload exactly as received, so nothing is lost and
 * an operator can inspect or release it.
 *
 * @param stage        {@code trust} (envelope checks) or {@code normalize} (the body could not be decoded)
 * @param mqttIdentity the publisher as the broker proved it: the site of the topic (ACL {@code sites/%u/#});
 *                     null when the topic names no valid site
 * @param payload      the raw bytes as received (JSON: base64)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineRecord(
        @JsonProperty("spec_version") String specVersion,
        @JsonProperty("stage") String stage,
        @JsonProperty("reason") String reason,
        @JsonProperty("detail") String detail,
        @JsonProperty("mqtt_topic") String mqttTopic,
        @JsonProperty("mqtt_identity") String mqttIdentity,
        @JsonProperty("mqtt_redelivered") boolean mqttRedelivered,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("payload") byte[] payload) {

    public static final String SPEC_VERSION = "1";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a quarantine record", e);
        }
    }

    public static QuarantineRecord fromJson(byte[] json) {
        try {
            return JSON.readValue(json, QuarantineRecord.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a quarantine record: " + e.getMessage(), e);
        }
    }
}
