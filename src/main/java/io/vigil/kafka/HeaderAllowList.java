package io.vigil.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which Camel headers become Kafka record headers: only Vigil's own ({@code vigil_*}), the
 * CloudEvents ones ({@code ce_*}) and {@code content-type}. An allow-list, so nothing else — an MQTT
 * property, a Camel internal — can ever leak into a record; and a prefix check per header instead
 * of the default strategy's regular expression, on the hot path of every record.
 */
public final class HeaderAllowList implements HeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !isAllowed(headerName);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !isAllowed(headerName);
    }

    static boolean isAllowed(String name) {
        return name.startsWith("vigil_") || name.startsWith("ce_") || name.equals("content-type");
    }
}
