package io.vigil.api;

/**
 * An RFC 9457 problem: every error answer of the API is one, as {@code application/problem+json}.
 * {@code type} is {@code urn:vigil:problem:<slug>}; the slugs and their statuses are listed in
 * docs/api.md, "Errors". {@code detail} may quote caller input: it is JSON-escaped on the way out
 * and capped in length.
 */
public record Problem(int status, String slug, String title, String detail) {

    public static final String TYPE_PREFIX = "urn:vigil:problem:";
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final int MAX_DETAIL = 500;

    public Problem {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "...";
        }
    }

    public String type() {
        return TYPE_PREFIX + slug;
    }

    /** The problem+json body of this problem for request {@code requestId}. */
    public byte[] body(String requestId) {
        return ApiHandler.problemBody(ApiJson.mapper(), this, requestId);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "The request is not valid", detail);
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Authentication required", detail);
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Not allowed for this role", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail);
    }

    public static Problem methodNotAllowed(String detail) {
        return new Problem(405, "method-not-allowed", "Method not allowed", detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Not possible in the current state", detail);
    }

    public static Problem payloadTooLarge(String detail) {
        return new Problem(413, "payload-too-large", "Request body too large", detail);
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "Service unavailable", detail);
    }

    public static Problem tooManyAuthFailures(String detail) {
        return new Problem(429, "too-many-authentication-failures", "Too many failed authentications", detail);
    }

    public static Problem tooManyStreams(String detail) {
        return new Problem(503, "too-many-streams", "Too many event streams", detail);
    }

    public static Problem auditUnconfirmed(String detail) {
        return new Problem(500, "audit-unconfirmed", "Done, but its audit entry is not confirmed", detail);
    }

    public static Problem internal(String detail) {
        return new Problem(500, "internal", "Internal error", detail);
    }

    /** For statuses Jetty answers before a request reaches the API (malformed HTTP, headers too large). */
    public static Problem ofStatus(int status, String detail) {
        return switch (status) {
            case 400 -> badRequest(detail);
            case 404 -> notFound(detail);
            case 405 -> methodNotAllowed(detail);
            case 413 -> payloadTooLarge(detail);
            case 415 -> unsupportedMediaType(detail);
            case 431 -> new Problem(431, "headers-too-large", "Request headers too large", detail);
            case 503 -> unavailable(detail);
            default -> status >= 500 ? internal(detail) : new Problem(status, "http-" + status, "HTTP " + status, detail);
        };
    }
}
