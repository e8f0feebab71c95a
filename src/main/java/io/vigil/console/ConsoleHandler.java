package io.vigil.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.AccessLog;
import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiJson;
import io.vigil.api.Problem;
import io.vigil.api.auth.FailedAuthLimiter;
import io.vigil.api.auth.Principal;
import io.vigil.api.auth.SameOrigin;
import io.vigil.api.auth.SessionAuth;
import io.vigil.audit.Actor;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditKind;
import io.vigil.support.LogSafe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's own paths in front of the API (docs/console.md): {@code /console/...} static files
 * with a strict Content-Security-Policy, sign-in, the current session and sign-out; every other path
 * goes to the API's handler, which takes the session cookie as well as bearer tokens.
 */
public final class ConsoleHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String STATIC = "io/vigil/console/static/";
    private static final Pattern FILE = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg|png)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png");
    private static final int MAX_SIGN_IN_BYTES = 4096;

    private final OperatorAccounts accounts;
    private final ConsoleSessions sessions;
    private final ConsoleConfig config;
    private final FailedAuthLimiter failures;
    private final ApiAudit audit;
    private final ObjectMapper json = ApiJson.mapper();

    public ConsoleHandler(Handler api, OperatorAccounts accounts, ConsoleSessions sessions, ConsoleConfig config,
                          FailedAuthLimiter failures, ApiAudit audit) {
        super(api);
        this.accounts = accounts;
        this.sessions = sessions;
        this.config = config;
        this.failures = failures;
        this.audit = audit;
    }

    /** The sign-in body; unknown fields are refused like everywhere in the API. */
    public record Credentials(String name, String password, String totp) {}

    /** What the console learns about its session (sign-in and {@code GET /console/session}). */
    public record SessionInfo(String operator, String role, java.util.List<String> permissions, String csrfToken,
                              long idleTimeoutSeconds) {}

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null || !(path.equals("/") || path.equals("/console") || path.startsWith("/console/"))) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        String requestId = AccessLog.newRequestId();
        AtomicReference<String> who = new AtomicReference<>();
        Request.addCompletionListener(request, failure -> AccessLog.log(requestId, Request.getRemoteAddr(request),
                who.get(), request.getMethod(), path, failure == null ? response.getStatus() : 0,
                System.nanoTime() - started));
        response.getHeaders().put("X-Request-Id", requestId);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        try {
            String method = request.getMethod();
            if (path.equals("/") || path.equals("/console")) {
                redirect(response, callback, "/console/");
            } else if (path.equals("/console/session")) {
                switch (method) {
                    case "POST" -> signIn(request, response, callback, requestId, who);
                    case "GET" -> current(request, response, callback, who);
                    default -> throw methodNotAllowed("GET, POST");
                }
            } else if (path.equals("/console/session:end")) {
                if (!method.equals("POST")) {
                    throw methodNotAllowed("POST");
                }
                signOut(request, response, callback, requestId, who);
            } else if (method.equals("GET") || method.equals("HEAD")) {
                serve(path.substring("/console/".length()), response, callback);
            } else {
                throw methodNotAllowed("GET");
            }
        } catch (Throwable e) {
            ApiException problem = e instanceof ApiException a ? a : internal(requestId, e);
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                problem.headers().forEach((name, value) -> response.getHeaders().put(name, value));
                if (request.getMethod().equals("POST")) {
                    // a refused sign-in's body may be unread: it must not be taken for the next request
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                }
                write(response, callback, problem.problem().status(), Problem.MEDIA_TYPE, problem.problem().body(requestId));
            }
        }
        return true;
    }

    private void signIn(Request request, Response response, Callback callback, String requestId,
                        AtomicReference<String> who) throws Exception {
        String client = Request.getRemoteAddr(request);
        if (!sameOrigin(request)) {
            throw new ApiException(Problem.forbidden("cross-site request refused"));
        }
        if (failures.check(client) instanceof FailedAuthLimiter.Decision.Limited limited) {
            long retryAfter = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
            throw new ApiException(Problem.tooManyAuthFailures("too many failed sign-ins from this address;"
                    + " try again later"), Map.of("Retry-After", Long.toString(retryAfter)));
        }
        Credentials credentials = readCredentials(request);
        char[] password = credentials.password() == null ? new char[0] : credentials.password().toCharArray();
        SignIn outcome;
        try {
            outcome = accounts.signIn(credentials.name(), password, credentials.totp());
        } finally {
            Arrays.fill(password, '\0');
        }
        if (outcome instanceof SignIn.Refused refused) {
            failures.failed(client);
            Map<String, Object> details = new LinkedHashMap<>();
            if (refused.operator() != null) {
                details.put("operator", refused.operator());
            }
            details.put("client", String.valueOf(client));
            details.put("reason", refused.reason().wireName());
            details.put("request_id", requestId);
            audit.recordQuietly(AuditEntry.of(AuditKind.CONSOLE_SIGN_IN_FAILED, Actor.system("console"))
                    .details(details).dedupKey("console:" + requestId));
            if (refused.lockedNow()) {
                audit.recordQuietly(AuditEntry.of(AuditKind.CONSOLE_LOCKED, Actor.system("console"))
                        .details(Map.of("operator", refused.operator(), "until_minutes",
                                config.lockoutDuration().toMinutes(), "request_id", requestId))
                        .dedupKey("console-lock:" + requestId));
            }
            throw new ApiException(Problem.unauthorized("name, password or code not accepted"));
        }
        SignIn.Accepted accepted = (SignIn.Accepted) outcome;
        ConsoleSessions.Opened opened = sessions.open(accepted.operator(), accepted.role(), client);
        try {
            audit.record(AuditEntry.of(AuditKind.CONSOLE_SIGNED_IN, Actor.operator(accepted.operator()))
                    .details(Map.of("session_id", opened.session().principal().tokenId(), "client", String.valueOf(client),
                            "totp", accepted.totp(), "role", accepted.role().wireName(), "request_id", requestId))
                    .dedupKey("console:" + requestId));
        } catch (ApiException unconfirmed) {
            sessions.end(opened.session().principal().tokenId(), "sign-in-not-audited");
            throw unconfirmed;
        }
        who.set(accepted.operator());
        response.getHeaders().add(HttpHeader.SET_COOKIE, SessionAuth.COOKIE + "=" + opened.secret()
                + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        sendJson(response, callback, info(opened.session()));
    }

    private void current(Request request, Response response, Callback callback, AtomicReference<String> who)
            throws Exception {
        SessionAuth.Session session = session(request).orElseThrow(() -> new ApiException(
                Problem.unauthorized("not signed in")));
        who.set(session.principal().name());
        sendJson(response, callback, info(session));
    }

    private void signOut(Request request, Response response, Callback callback, String requestId,
                         AtomicReference<String> who) throws Exception {
        SessionAuth.Session session = session(request).orElseThrow(() -> new ApiException(
                Problem.unauthorized("not signed in")));
        Principal principal = session.principal();
        who.set(principal.name());
        if (!sameOrigin(request) || !SessionAuth.csrfMatches(request.getHeaders().get(SessionAuth.CSRF_HEADER),
                session.csrfToken())) {
            throw new ApiException(Problem.forbidden("cross-site request refused"));
        }
        sessions.end(principal.tokenId(), "signed-out");
        audit.recordQuietly(AuditEntry.of(AuditKind.CONSOLE_SIGNED_OUT, Actor.operator(principal.name()))
                .details(Map.of("session_id", principal.tokenId(), "request_id", requestId)).dedupKey("console:" + requestId));
        response.getHeaders().add(HttpHeader.SET_COOKIE, SessionAuth.COOKIE
                + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        response.setStatus(204);
        callback.succeeded();
    }

    private Optional<SessionAuth.Session> session(Request request) throws Exception {
        for (org.eclipse.jetty.http.HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(SessionAuth.COOKIE)) {
                return sessions.authenticate(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private SessionInfo info(SessionAuth.Session session) {
        Principal p = session.principal();
        return new SessionInfo(p.name(), p.role().wireName(), p.role().permissions().stream()
                .map(permission -> permission.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList(),
                session.csrfToken(), config.idleTimeout().toSeconds());
    }

    private static boolean sameOrigin(Request request) {
        return SameOrigin.allowed(request.getHttpURI().getScheme(), request.getHeaders().get(HttpHeader.HOST),
                request.getHeaders().get(HttpHeader.ORIGIN), request.getHeaders().get("Sec-Fetch-Site"));
    }

    private Credentials readCredentials(Request request) throws IOException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(Problem.unsupportedMediaType("send the sign-in as application/json"));
        }
        if (request.getLength() > MAX_SIGN_IN_BYTES) {
            throw new ApiException(Problem.payloadTooLarge("a sign-in is at most " + MAX_SIGN_IN_BYTES + " bytes"),
                    Map.of("Connection", "close"));
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_SIGN_IN_BYTES + 1);
        }
        if (body.length > MAX_SIGN_IN_BYTES) {
            throw new ApiException(Problem.payloadTooLarge("a sign-in is at most " + MAX_SIGN_IN_BYTES + " bytes"),
                    Map.of("Connection", "close"));
        }
        try {
            Credentials c = json.readValue(body, Credentials.class);
            if (c == null) {
                throw ApiException.badRequest("send {\"name\": ..., \"password\": ...}");
            }
            return c;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("invalid sign-in body: " + e.getOriginalMessage());
        }
    }

    private void serve(String name, Response response, Callback callback) throws IOException {
        String file = name.isEmpty() ? "index.html" : name;
        if (!FILE.matcher(file).matches()) {
            throw ApiException.notFound("no such file");
        }
        byte[] bytes;
        try (InputStream in = ConsoleHandler.class.getClassLoader().getResourceAsStream(STATIC + file)) {
            if (in == null) {
                throw ApiException.notFound("no such file");
            }
            bytes = in.readAllBytes();
        }
        write(response, callback, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), bytes);
    }

    private void sendJson(Response response, Callback callback, Object body) throws Exception {
        write(response, callback, 200, "application/json", json.writeValueAsBytes(body));
    }

    private static void redirect(Response response, Callback callback, String location) {
        response.setStatus(302);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        callback.succeeded();
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static ApiException methodNotAllowed(String allowed) {
        return new ApiException(Problem.methodNotAllowed("use " + allowed), Map.of("Allow", allowed));
    }

    private static ApiException internal(String requestId, Throwable e) {
        LOG.error("{}: console request failed: {}", requestId, LogSafe.quote(String.valueOf(e.getMessage())), e);
        return new ApiException(Problem.internal("an internal error occurred; the server log has request " + requestId));
    }
}
