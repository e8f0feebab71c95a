package io.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request as route handlers see it: the authenticated principal, path parameters, query
 * parameters and a size-limited JSON body. Independent of the HTTP server.
 */
public final class ApiRequest {

    private final String requestId;
    private final Principal principal;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final String contentType;
    private final long contentLength;
    private final BodySource body;
    private final int maxBodyBytes;
    private final ObjectMapper json;
    private final Map<String, String> headers;
    private volatile boolean bodyConsumed;

    /** The raw body; read at most once. */
    @FunctionalInterface
    public interface BodySource {
        InputStream open() throws IOException;
    }

    public ApiRequest(String requestId, Principal principal, Map<String, String> pathParams,
                      Map<String, List<String>> query, Map<String, String> headers, String contentType,
                      long contentLength, BodySource body, int maxBodyBytes, ObjectMapper json) {
        this.requestId = requestId;
        this.principal = principal;
        this.pathParams = Map.copyOf(pathParams);
        this.query = Map.copyOf(query);
        this.headers = Map.copyOf(headers);
        this.contentType = contentType;
        this.contentLength = contentLength;
        this.body = body;
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
    }

    public String requestId() {
        return requestId;
    }

    public Principal principal() {
        return principal;
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    /** A request header (lower-case name), or null. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** Refuses query parameters the route does not know: a typo must not widen a query silently. */
    public ApiRequest allowQuery(String... names) {
        Set<String> unknown = new TreeSet<>(query.keySet());
        unknown.removeAll(Set.of(names));
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown query parameter " + String.join(", ", unknown)
                    + (names.length == 0 ? "; this operation takes none" : "; known: " + String.join(", ", new TreeSet<>(Set.of(names)))));
        }
        return this;
    }

    /** A query parameter given at most once; null when absent. */
    public String query(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("query parameter " + name + " is given more than once");
        }
        return values.get(0);
    }

    /** The JSON body as {@code type}; 415 unless JSON, 413 when larger than the limit, 400 when invalid. */
    public <T> T body(Class<T> type) {
        return body(type, false);
    }

    /** As {@link #body(Class)}, but an empty body (no content type needed) reads as {@code {}}. */
    public <T> T optionalBody(Class<T> type) {
        return body(type, true);
    }

    private <T> T body(Class<T> type, boolean emptyAllowed) {
        byte[] bytes = readBody();
        if (bytes.length == 0 && emptyAllowed) {
            bytes = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            requireJsonContentType();
            if (bytes.length == 0) {
                throw ApiException.badRequest("the request body is empty; this operation needs a JSON object");
            }
        }
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw ApiException.badRequest("the request body must be a JSON object, not null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body");
        }
    }

    private void requireJsonContentType() {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiException(Problem.unsupportedMediaType("send the body as application/json"));
        }
        String lower = contentType.toLowerCase(java.util.Locale.ROOT);
        int charset = lower.indexOf("charset=");
        if (charset >= 0 && !lower.substring(charset + 8).trim().replace("\"", "").startsWith("utf-8")) {
            throw new ApiException(Problem.unsupportedMediaType("JSON bodies are UTF-8"));
        }
    }

    /** Whether the whole request body has been read (else the connection cannot be reused). */
    public boolean bodyConsumed() {
        return bodyConsumed;
    }

    private byte[] readBody() {
        if (contentLength > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = body.open()) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            bodyConsumed = true;
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body");
        }
    }

    private ApiException tooLarge() {
        return new ApiException(Problem.payloadTooLarge("request bodies are limited to " + maxBodyBytes + " bytes"));
    }
}
