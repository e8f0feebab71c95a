package io.vigil.normalize;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 binary-mode Kafka headers for a canonical event (the event JSON is the record value).
 * Site and device ids are percent-encoded into {@code ce_source}; every value is finally passed through
 * {@link SafeText} so no control character from site data can reach a header.
 */
public final class CloudEventHeaders {
    public static final String CONTENT_TYPE = "application/json";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CloudEventHeaders() {}

    public static Map<String, String> of(CanonicalEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", event.eventId().toString());
        headers.put("ce_source", "vigil://sites/" + percentEncode(event.siteId()) + "/devices/"
                + percentEncode(event.deviceId()));
        headers.put("ce_type", "io.vigil.event." + event.eventClass().wireName() + ".v1");
        headers.put("ce_time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        headers.put("content-type", CONTENT_TYPE);
        headers.replaceAll((name, value) -> SafeText.escape(value));
        return headers;
    }

    /** RFC 3986 percent-encoding of UTF-8 bytes; only unreserved characters stay literal. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
