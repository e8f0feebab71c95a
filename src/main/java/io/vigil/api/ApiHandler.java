package io.vigil.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.api.auth.ApiTokens;
import io.vigil.api.auth.FailedAuthLimiter;
import io.vigil.api.auth.Principal;
import io.vigil.api.auth.SameOrigin;
import io.vigil.api.auth.SessionAuth;
import io.vigil.api.sse.IncidentStream;
import io.vigil.api.sse.SseClient;
import io.vigil.audit.Actor;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditKind;
import io.vigil.db.SqlErrors;
import io.vigil.support.LogSafe;
import io.vigil.trust.keys.KeyRegistryException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request, in this order: request id and safe default headers; authentication (so nothing,
 * not even "this path does not exist", is told to a caller without a valid token); routing (404,
 * 405); the route's permission (403, and a refused state-changing call is audited); the handler;
 * its reply. Every error is a problem+json answer, and every request gets one access-log line.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String BEARER_CHALLENGE = "Bearer realm=\"vigil\"";

    private final Router router;
    private final ApiTokens tokens;
    private final ApiAudit audit;
    private final IncidentStream stream;
    private final int maxBodyBytes;
    private final FailedAuthLimiter failures;
    private final SessionAuth sessions; // null: no console, bearer tokens only
    private final ObjectMapper json = ApiJson.mapper();

    /** Who is calling; {@code csrfToken} is the console session's (null for a bearer token). */
    private record Caller(Principal principal, String csrfToken) {}

    ApiHandler(Router router, ApiTokens tokens, ApiAudit audit, IncidentStream stream, int maxBodyBytes,
               FailedAuthLimiter failures, SessionAuth sessions) {
        this.sessions = sessions;
        this.router = router;
        this.tokens = tokens;
        this.audit = audit;
        this.stream = stream;
        this.maxBodyBytes = maxBodyBytes;
        this.failures = failures;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        String requestId = AccessLog.newRequestId();
        String path = request.getHttpURI().getPath();
        AtomicReference<Principal> caller = new AtomicReference<>();
        Request.addCompletionListener(request, failure -> AccessLog.log(requestId, Request.getRemoteAddr(request),
                caller.get() == null ? null : caller.get().name(), request.getMethod(), path,
                failure == null ? response.getStatus() : 0, System.nanoTime() - started));
        defaultHeaders(response, requestId);
        AtomicReference<ApiRequest> parsed = new AtomicReference<>();
        try {
            Caller authenticated = authenticateLimited(request, requestId);
            Principal principal = authenticated.principal();
            caller.set(principal);
            if (authenticated.csrfToken() != null) {
                requireSameOriginForm(request, authenticated, requestId);
            }
            Router.Match match = router.resolve(request.getMethod(), segments(path));
            if (match instanceof Router.Match.NotFound) {
                throw ApiException.notFound("no such resource");
            }
            if (match instanceof Router.Match.MethodNotAllowed notAllowed) {
                throw new ApiException(Problem.methodNotAllowed("use " + String.join(" or ", notAllowed.allowed())),
                        Map.of("Allow", String.join(", ", notAllowed.allowed())));
            }
            Router.Match.Found found = (Router.Match.Found) match;
            Route route = found.route();
            if (route.permission() != null && !principal.may(route.permission())) {
                if (route.changesState()) {
                    audit.recordQuietly(ApiAudit.entry(AuditKind.API_DENIED, principal, requestId,
                            Map.of("method", route.method(), "route", route.path().toString(),
                                    "permission", route.permission().name().toLowerCase(Locale.ROOT))));
                }
                throw new ApiException(Problem.forbidden("the role " + principal.role().wireName() + " may not do this"));
            }
            ApiRequest apiRequest = new ApiRequest(requestId, principal, found.params(), query(request),
                    headers(request), request.getHeaders().get(HttpHeader.CONTENT_TYPE), request.getLength(),
                    () -> Content.Source.asInputStream(request), maxBodyBytes, json);
            parsed.set(apiRequest);
            Reply reply = route.handler().handle(apiRequest);
            closeIfBodyUnread(request, response, apiRequest);
            send(reply, principal, request, response, callback, requestId);
        } catch (Throwable e) {
            closeIfBodyUnread(request, response, parsed.get());
            sendProblem(response, callback, requestId, toApiException(e, requestId));
        }
        return true;
    }

    /**
     * A request body the handler did not read (refused before it, or too large) would be taken for
     * the next request on the connection: answer, and close the connection, instead of draining
     * what an unauthenticated caller sends.
     */
    private static void closeIfBodyUnread(Request request, Response response, ApiRequest parsed) {
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (hasBody && (parsed == null || !parsed.bodyConsumed()) && !response.isCommitted()) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    /**
     * Refuses a client with too many failed authentications (429, before its token is even looked at)
     * and counts this request's failure; the first refusal in a window is audited.
     */
    private Caller authenticateLimited(Request request, String requestId) throws SQLException {
        String client = Request.getRemoteAddr(request);
        if (failures.check(client) instanceof FailedAuthLimiter.Decision.Limited limited) {
            long retryAfter = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
            if (limited.firstInWindow()) {
                audit.recordQuietly(AuditEntry.of(AuditKind.API_AUTH_LIMITED, Actor.system("api"))
                        .details(Map.of("client", String.valueOf(client), "failures", limited.failures(),
                                "request_id", requestId, "retry_after_s", retryAfter))
                        .dedupKey("api:" + requestId));
            }
            throw new ApiException(Problem.tooManyAuthFailures("too many failed authentications from this address;"
                    + " try again later"), Map.of("Retry-After", Long.toString(retryAfter)));
        }
        try {
            return authenticate(request);
        } catch (ApiException e) {
            failures.failed(client);
            throw e;
        }
    }

    private Caller authenticate(Request request) throws SQLException {
        List<String> values = request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION);
        String cookie = sessions == null ? null : sessionCookie(request);
        if (values.isEmpty() && cookie != null) {
            SessionAuth.Session session = sessions.authenticate(cookie).orElseThrow(() -> new ApiException(
                    Problem.unauthorized("the console session has ended; sign in again"),
                    Map.of("WWW-Authenticate", BEARER_CHALLENGE)));
            return new Caller(session.principal(), session.csrfToken());
        }
        if (values.isEmpty()) {
            throw new ApiException(Problem.unauthorized("send Authorization: Bearer <token>"),
                    Map.of("WWW-Authenticate", BEARER_CHALLENGE));
        }
        String value = values.get(0);
        if (values.size() > 1 || value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(Problem.unauthorized("send exactly one Authorization: Bearer <token>"),
                    Map.of("WWW-Authenticate", BEARER_CHALLENGE + ", error=\"invalid_request\""));
        }
        Optional<Principal> principal = tokens.authenticate(value.substring(7).trim());
        return new Caller(principal.orElseThrow(() -> new ApiException(
                Problem.unauthorized("the token is unknown, expired or revoked"),
                Map.of("WWW-Authenticate", BEARER_CHALLENGE + ", error=\"invalid_token\""))), null);
    }

    static String sessionCookie(Request request) {
        for (org.eclipse.jetty.http.HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(SessionAuth.COOKIE)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * A state change made with a console session must come from the console: its CSRF token in a
     * header no other site can set, and no foreign Origin or Sec-Fetch-Site (docs/console.md).
     * Refused: 403, audited as {@code api.denied} with permission {@code csrf}.
     */
    private void requireSameOriginForm(Request request, Caller caller, String requestId) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return;
        }
        boolean tokenOk = SessionAuth.csrfMatches(request.getHeaders().get(SessionAuth.CSRF_HEADER), caller.csrfToken());
        boolean originOk = SameOrigin.allowed(request.getHttpURI().getScheme(), request.getHeaders().get(HttpHeader.HOST),
                request.getHeaders().get(HttpHeader.ORIGIN), request.getHeaders().get("Sec-Fetch-Site"));
        if (!tokenOk || !originOk) {
            audit.recordQuietly(ApiAudit.entry(AuditKind.API_DENIED, caller.principal(), requestId,
                    Map.of("method", method, "route", request.getHttpURI().getPath(), "permission", "csrf")));
            throw new ApiException(Problem.forbidden("cross-site request refused"));
        }
    }

    private void send(Reply reply, Principal principal, Request request, Response response, Callback callback,
                      String requestId) throws Exception {
        if (reply instanceof Reply.Json j) {
            write(response, callback, j.status(), "application/json", json.writeValueAsBytes(j.body()));
        } else if (reply instanceof Reply.Bytes b) {
            write(response, callback, 200, b.contentType(), b.body());
        } else if (reply instanceof Reply.Streamed s) {
            stream(response, callback, requestId, s);
        } else if (reply instanceof Reply.EventStream e) {
            subscribe(response, callback, principal, e.lastEventId());
        } else {
            throw new IllegalStateException("unknown reply " + reply.getClass());
        }
    }

    private void stream(Response response, Callback callback, String requestId, Reply.Streamed reply) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        // buffered: a failure before the first 64 KiB can still become a clean problem answer
        OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 65_536);
        try {
            reply.writer().write(out);
            out.close(); // only on success: closing writes the end of the body
        } catch (Throwable e) {
            if (!response.isCommitted()) {
                response.reset();
                defaultHeaders(response, requestId);
                sendProblem(response, callback, requestId, toApiException(e, requestId));
            } else {
                // the client has part of the body: cut the connection so it cannot look complete
                LOG.warn("{}: streamed answer failed after its start, connection cut: {}", requestId,
                        LogSafe.quote(String.valueOf(e.getMessage())));
                callback.failed(e);
            }
            return;
        }
        callback.succeeded();
    }

    private void subscribe(Response response, Callback callback, Principal principal, String lastEventId) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put("X-Accel-Buffering", "no");
        if (!stream.attach(principal, lastEventId, new JettySink(response, callback))) {
            throw new ApiException(Problem.tooManyStreams("the event stream has its maximum of clients"),
                    Map.of("Retry-After", "10"));
        }
    }

    /** Writes SSE frames to a Jetty response; ending it completes (or aborts) the request. */
    private record JettySink(Response response, Callback done) implements SseClient.Sink {
        @Override
        public void write(ByteBuffer frame, Runnable written, java.util.function.Consumer<Throwable> failed) {
            response.write(false, frame, Callback.from(written, failed));
        }

        @Override
        public void end(Throwable failure) {
            if (failure == null) {
                response.write(true, ByteBuffer.allocate(0), done);
            } else {
                done.failed(failure);
            }
        }
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private void sendProblem(Response response, Callback callback, String requestId, ApiException e) {
        if (response.isCommitted()) {
            callback.failed(e);
            return;
        }
        e.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        write(response, callback, e.problem().status(), Problem.MEDIA_TYPE, problemBody(json, e.problem(), requestId));
    }

    static byte[] problemBody(ObjectMapper json, Problem problem, String requestId) {
        ObjectNode body = json.createObjectNode();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        if (problem.detail() != null) {
            body.put("detail", problem.detail());
        }
        if (requestId != null) {
            body.put("instance", "urn:vigil:request:" + requestId);
            body.put("requestId", requestId);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private ApiException toApiException(Throwable e, String requestId) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof IncidentConsole.Unavailable) {
            return new ApiException(Problem.unavailable("the incident service is not available"), Map.of("Retry-After", "5"));
        }
        if (e instanceof KeyRegistryException k && k.retriable() || e instanceof SQLException s && SqlErrors.retriable(s)) {
            LOG.warn("{}: database unavailable: {}", requestId, LogSafe.quote(String.valueOf(e.getMessage())));
            return new ApiException(Problem.unavailable("the database is not available; try again"), Map.of("Retry-After", "5"));
        }
        LOG.error("{}: request failed", requestId, e);
        return new ApiException(Problem.internal("an internal error occurred; the server log has request " + requestId));
    }

    private static void defaultHeaders(Response response, String requestId) {
        response.getHeaders().put("X-Request-Id", requestId);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
    }

    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() != HttpHeader.AUTHORIZATION) {
                headers.putIfAbsent(field.getLowerCaseName(), field.getValue());
            }
        }
        return headers;
    }

    /** The path's segments, each percent-decoded as UTF-8; malformed encodings are a 400. */
    static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return List.of();
        }
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.substring(1).split("/", -1)) {
            segments.add(decode(part, false));
        }
        return segments;
    }

    private static Map<String, List<String>> query(Request request) {
        String raw = request.getHttpURI().getQuery();
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw ApiException.badRequest("malformed percent-encoding in the URL");
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '%' && !(plusIsSpace && text.charAt(end) == '+')) {
                    end++;
                }
                byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the URL is not valid UTF-8 after percent-decoding");
        }
    }
}
