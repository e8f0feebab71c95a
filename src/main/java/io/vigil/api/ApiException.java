package io.vigil.api;

import java.util.Map;

/** Ends a request with a problem answer; thrown by route handlers and by the request checks. */
public final class ApiException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ApiException(Problem problem) {
        this(problem, Map.of());
    }

    public ApiException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    /** Extra response headers: {@code Allow}, {@code WWW-Authenticate}, {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(Problem.badRequest(detail));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Problem.notFound(detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Problem.conflict(detail));
    }
}
