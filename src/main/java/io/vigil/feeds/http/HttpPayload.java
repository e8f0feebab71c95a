package io.vigil.feeds.http;

import java.util.Map;

/** One request body of an HTTP sink and the headers that stay the same on every attempt. */
public record HttpPayload(byte[] body, Map<String, String> headers) {
    public HttpPayload {
        headers = Map.copyOf(headers);
    }
}
