package io.vigil.normalize.owntracks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.MalformedSignalException;

/** {@code {"_type":"encrypted","data":"..."}}: recognised, and opened with a site's secret. */
public final class OwnTracksEncryptedPayload {
    /** Far above any OwnTracks payload; the MQTT payload is capped by the trust gate before this. */
    private static final int MAX_DATA_CHARS = 96 * 1024;

    private OwnTracksEncryptedPayload() {}

    /** True for a JSON object whose {@code _type} is {@code encrypted}; false for anything else, also for non-JSON. */
    public static boolean isEncrypted(byte[] payload) {
        try {
            JsonNode type = EventJson.parse(payload, "owntracks").get("_type");
            return type != null && "encrypted".equals(type.textValue());
        } catch (MalformedSignalException e) {
            return false;
        }
    }

    /**
     * The inner JSON payload.
     *
     * @throws MalformedSignalException {@code owntracks.not_encrypted} for another payload,
     *                                  {@code owntracks.bad_field} without a text {@code data},
     *                                  {@code owntracks.decrypt_failed} when it does not open
     */
    public static byte[] open(byte[] payload, OwnTracksSecretBox box) {
        JsonNode document = EventJson.parse(payload, "owntracks");
        JsonNode type = document.isObject() ? document.get("_type") : null;
        if (type == null || !"encrypted".equals(type.textValue())) {
            throw new MalformedSignalException("owntracks.not_encrypted", "payload is not _type encrypted");
        }
        JsonNode data = document.get("data");
        if (data == null || !data.isTextual() || data.textValue().length() > MAX_DATA_CHARS) {
            throw new MalformedSignalException("owntracks.bad_field", "data must be base64 text");
        }
        byte[] inner = box.openBase64(data.textValue());
        if (isEncrypted(inner)) {
            throw new MalformedSignalException("owntracks.decrypt_failed", "an encrypted payload inside an encrypted payload");
        }
        return inner;
    }
}
