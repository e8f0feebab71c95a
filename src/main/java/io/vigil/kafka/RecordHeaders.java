package io.vigil.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Message;

/** Reads a Kafka record header that camel-kafka handed over as bytes (Vigil's headers are ASCII text). */
public final class RecordHeaders {

    private RecordHeaders() {}

    /** The header as text, or null when the record has none. */
    public static String text(Message record, String name) {
        Object value = record.getHeader(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        return value == null ? null : value.toString();
    }
}
