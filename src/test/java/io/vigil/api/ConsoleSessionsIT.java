package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.auth.Role;
import io.vigil.api.auth.SessionAuth;
import io.vigil.audit.AuditFilter;
import io.vigil.console.ConsoleHandler;
import io.vigil.console.TotpCodes;
import io.vigil.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Console sessions over HTTP (docs/console.md, "Sessions"): the cookie, lock-out, idle timeout,
 * disabling, TOTP, and the CSRF and Origin checks on state changes made with a session.
 */
class ConsoleSessionsIT {

    private static final String PASSWORD = "a-long-enough-password";
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static ApiTestServer api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.withConsole(CLOCK, Map.of());
        api.incidents.add("inc-1", "site-1", "fire", 1, IncidentConsole.State.OPEN, Instant.parse("2025-01-05T10:00:00Z"));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** A signed-in session: its cookie secret and CSRF token. */
    private record Session(String cookie, String csrf) {}

    @Test
    void signInSetsAStrictHostOnlySessionCookieAndTheConsoleIsServedUnderAStrictPolicy() throws Exception {
        api.accounts.add("cookie-1", Role.OPERATOR, PASSWORD.toCharArray(), false);
        HttpResponse<String> answer = signIn("cookie-1", PASSWORD, null, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(SessionAuth.COOKIE + "=vgs_").contains("; Path=/", "; Secure", "; HttpOnly",
                "; SameSite=Strict").doesNotContain("Domain", "Max-Age", "Expires");
        JsonNode body = ApiTestServer.json(answer);
        assertThat(body.path("operator").asText()).isEqualTo("cookie-1");
        assertThat(body.path("role").asText()).isEqualTo("operator");
        assertThat(body.path("csrfToken").asText()).hasSizeGreaterThanOrEqualTo(40);

        HttpResponse<String> page = api.get("/console/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleHandler.CSP);
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("<script>");
        assertThat(api.get("/console/app.js", null).headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        // an encoded slash is ambiguous: Jetty refuses it before the console sees it
        assertThat(api.get("/console/..%2Fopenapi.json", null).statusCode()).isIn(400, 404);
        assertThat(api.get("/console/Index.html", null).statusCode()).isEqualTo(404);
        assertThat(api.get("/console/nothing.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aSessionActsAsItsAccountsRoleAndEveryStateChangeNeedsTheTokenAndOurOrigin() throws Exception {
        api.accounts.add("csrf-1", Role.OPERATOR, PASSWORD.toCharArray(), false);
        Session s = session("csrf-1");
        assertThat(call("GET", "/api/me", s.cookie(), null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(ApiTestServer.json(call("GET", "/api/me", s.cookie(), null, Map.of())).path("principal").asText())
                .isEqualTo("csrf-1");

        assertThat(note(s.cookie(), null, Map.of()).statusCode()).as("no token").isEqualTo(403);
        assertThat(note(s.cookie(), "wrong" + s.csrf(), Map.of()).statusCode()).as("wrong token").isEqualTo(403);
        assertThat(note(s.cookie(), s.csrf(), Map.of("Origin", "https://evil.example")).statusCode()).as("foreign origin")
                .isEqualTo(403);
        assertThat(note(s.cookie(), s.csrf(), Map.of("Sec-Fetch-Site", "cross-site")).statusCode()).as("cross-site")
                .isEqualTo(403);
        assertThat(api.incidents.notes("inc-1")).extracting(IncidentConsole.Note::operatorId).doesNotContain("csrf-1");
        assertThat(note(s.cookie(), s.csrf(), Map.of("Origin", api.server.baseUri().toString(), "Sec-Fetch-Site",
                "same-origin")).statusCode()).isEqualTo(200);
        assertThat(api.incidents.notes("inc-1")).extracting(IncidentConsole.Note::operatorId).contains("csrf-1");
        // the refusals are audited with the operator as actor
        List<JsonNode> denied = api.auditRows(AuditFilter.ALL.operator("csrf-1").kind("api.denied"));
        assertThat(denied).hasSize(4).allSatisfy(row -> assertThat(row.path("details").path("permission").asText())
                .isEqualTo("csrf"));
        // a role is a role: an operator's session may not read the audit trail
        assertThat(call("GET", "/api/audit", s.cookie(), null, Map.of()).statusCode()).isEqualTo(403);
        // a sign-in from another site's page is refused too (no login CSRF)
        assertThat(signIn("csrf-1", PASSWORD, null, Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockEnds() throws Exception {
        api.accounts.add("lock-1", Role.OPERATOR, PASSWORD.toCharArray(), false);
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("lock-1", "wrong password " + i, null, null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = signIn("lock-1", PASSWORD, null, null);
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(ApiTestServer.json(locked).path("detail").asText()).isEqualTo("name, password or code not accepted");
        List<String> reasons = api.auditRows(AuditFilter.ALL.kind("console.sign_in_failed")).stream()
                .filter(r -> "lock-1".equals(r.path("details").path("operator").asText()))
                .map(r -> r.path("details").path("reason").asText()).toList();
        assertThat(reasons).containsExactly("password", "password", "password", "password", "password", "locked");
        assertThat(api.auditRows(AuditFilter.ALL.kind("console.locked")).stream()
                .filter(r -> "lock-1".equals(r.path("details").path("operator").asText()))).hasSize(1);

        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(signIn("lock-1", PASSWORD, null, null).statusCode()).isEqualTo(200);
        assertThat(api.auditRows(AuditFilter.ALL.operator("lock-1").kind("console.signed_in"))).hasSize(1);
    }

    @Test
    void anIdleSessionEndsAndSoDoesEverySessionOfADisabledAccount() throws Exception {
        api.accounts.add("idle-1", Role.OPERATOR, PASSWORD.toCharArray(), false);
        Session idle = session("idle-1");
        CLOCK.advance(Duration.ofMinutes(29));
        assertThat(call("GET", "/api/incidents", idle.cookie(), null, Map.of()).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(29));
        assertThat(call("GET", "/api/incidents", idle.cookie(), null, Map.of()).statusCode()).as("used 29 min ago").isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(31));
        assertThat(call("GET", "/api/incidents", idle.cookie(), null, Map.of()).statusCode()).as("idle 31 min").isEqualTo(401);

        api.accounts.add("gone-1", Role.OPERATOR, PASSWORD.toCharArray(), false);
        Session gone = session("gone-1");
        assertThat(api.accounts.disable("gone-1", "left")).isTrue();
        assertThat(call("GET", "/api/incidents", gone.cookie(), null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(signIn("gone-1", PASSWORD, null, null).statusCode()).isEqualTo(401);

        api.accounts.add("out-1", Role.OPERATOR, PASSWORD.toCharArray(), false);
        Session out = session("out-1");
        assertThat(call("POST", "/console/session:end", out.cookie(), null, Map.of()).statusCode()).as("no token").isEqualTo(403);
        assertThat(call("POST", "/console/session:end", out.cookie(), out.csrf(), Map.of()).statusCode()).isEqualTo(204);
        assertThat(note(out.cookie(), out.csrf(), Map.of()).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/console/session", out.cookie(), null, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void anAccountWithTotpNeedsAFreshCodeEachTime() throws Exception {
        byte[] secret = api.accounts.add("totp-1", Role.SUPERVISOR, PASSWORD.toCharArray(), true);
        assertThat(signIn("totp-1", PASSWORD, null, null).statusCode()).isEqualTo(401);
        String code = TotpCodes.code(secret, TotpCodes.step(CLOCK.instant()), 6, "HmacSHA1");
        assertThat(signIn("totp-1", PASSWORD, code, null).statusCode()).isEqualTo(200);
        assertThat(signIn("totp-1", PASSWORD, code, null).statusCode()).as("the same code again").isEqualTo(401);
        CLOCK.advance(Duration.ofSeconds(TotpCodes.STEP_SECONDS));
        String next = TotpCodes.code(secret, TotpCodes.step(CLOCK.instant()), 6, "HmacSHA1");
        assertThat(signIn("totp-1", PASSWORD, next, null).statusCode()).isEqualTo(200);
        List<String> reasons = api.auditRows(AuditFilter.ALL.kind("console.sign_in_failed")).stream()
                .filter(r -> "totp-1".equals(r.path("details").path("operator").asText()))
                .map(r -> r.path("details").path("reason").asText()).toList();
        assertThat(reasons).containsExactly("totp", "totp");
    }

    private static Session session(String name) throws Exception {
        HttpResponse<String> answer = signIn(name, PASSWORD, null, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        String secret = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        return new Session(secret, ApiTestServer.json(answer).path("csrfToken").asText());
    }

    private static HttpResponse<String> signIn(String name, String password, String totp, Map<String, String> headers)
            throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("password", password);
        if (totp != null) {
            body.put("totp", totp);
        }
        HttpRequest.Builder request = api.request("/console/session", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiTestServer.JSON.writeValueAsString(body)));
        if (headers != null) {
            headers.forEach(request::header);
        }
        return api.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> note(String cookie, String csrf, Map<String, String> headers) throws Exception {
        return call("POST", "/api/incidents/inc-1/notes", cookie, csrf, headers);
    }

    private static HttpResponse<String> call(String method, String path, String cookie, String csrf,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = api.request(path, null).header("Cookie", SessionAuth.COOKIE + "=" + cookie);
        if (csrf != null) {
            request.header(SessionAuth.CSRF_HEADER, csrf);
        }
        headers.forEach((name, value) -> request.header(name, value.replaceAll("/$", "")));
        if (method.equals("POST") && path.startsWith("/api/")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"from the console\"}"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return api.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
