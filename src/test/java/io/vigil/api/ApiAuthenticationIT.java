package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.auth.Role;
import io.vigil.api.auth.TokenSecret;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No call succeeds without a valid token; errors are problem+json; tokens never reach a log. */
class ApiAuthenticationIT {

    static ApiTestServer api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** A concrete request for every registered route, with made-up path parameters. */
    static HttpRequest.Builder anyRequest(Route route, String token) {
        String path = route.path().toString().replaceAll("\\{[A-Za-z]+}", "x1");
        HttpRequest.Builder builder = api.request(path, token);
        return switch (route.method()) {
            case "GET" -> builder.GET();
            default -> builder.header("Content-Type", "application/json")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString("{\"note\":\"n\"}"));
        };
    }

    @Test
    void everyRegisteredRouteRefusesACallWithoutCredentials() throws Exception {
        assertThat(api.server.routes()).hasSizeGreaterThanOrEqualTo(20);
        for (Route route : api.server.routes()) {
            HttpResponse<String> response = api.http.send(anyRequest(route, null).build(), HttpResponse.BodyHandlers.ofString());
            String what = route.method() + " " + route.path();
            assertThat(response.statusCode()).as(what).isEqualTo(401);
            assertUnauthorizedProblem(response, what);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValue("Bearer realm=\"vigil\"");
        }
    }

    @Test
    void everyRegisteredRouteRefusesUnknownMalformedAndForeignCredentials() throws Exception {
        String unknown = TokenSecret.newToken();
        for (Route route : api.server.routes()) {
            String what = route.method() + " " + route.path();
            for (String header : List.of("Bearer " + unknown, "Bearer ", "Bearer x' OR '1'='1", "Basic dXNlcjpwdw==",
                    unknown, "Bearer " + unknown.substring(0, 40))) {
                HttpRequest request = anyRequest(route, null).header("Authorization", header).build();
                HttpResponse<String> response = api.http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(what + " with " + header).isEqualTo(401);
                assertUnauthorizedProblem(response, what);
            }
        }
    }

    @Test
    void twoAuthorizationHeadersAreRefused() throws Exception {
        String valid = api.token(Role.ADMIN);
        HttpResponse<String> response = api.http.send(api.request("/api/me", valid)
                .header("Authorization", "Bearer " + TokenSecret.newToken()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_request");
    }

    @Test
    void aRevokedTokenFailsOnItsVeryNextRequest() throws Exception {
        String token = api.newToken("carol", Role.OPERATOR);
        assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);
        String id = ApiTestServer.json(api.get("/api/me", token)).get("tokenId").asText();

        HttpResponse<String> revoke = api.post("/api/tokens/" + id + ":revoke", api.token(Role.ADMIN),
                Map.of("reason", "left the company"));
        assertThat(revoke.statusCode()).isEqualTo(200);

        HttpResponse<String> after = api.get("/api/me", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = api.tokens.create("dave", Role.OPERATOR, "", Duration.ofSeconds(1), "test").token();
        assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/api/me", token).statusCode()).isEqualTo(401));
    }

    @Test
    void unknownPathsAndMethodsAreProblemsOnceAuthenticated() throws Exception {
        String token = api.token(Role.ADMIN);

        HttpResponse<String> unknown = api.get("/api/nothing-here", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        assertThat(ApiTestServer.json(unknown).get("type").asText()).isEqualTo("urn:vigil:problem:not-found");
        assertThat(api.get("/", token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/sites/", token).statusCode()).isEqualTo(404);

        HttpResponse<String> wrongMethod = api.http.send(api.request("/api/sites", token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(ApiTestServer.json(wrongMethod).get("type").asText()).isEqualTo("urn:vigil:problem:method-not-allowed");

        HttpResponse<String> getOnAnAction = api.get("/api/incidents/x1:claim", token);
        assertThat(getOnAnAction.statusCode()).isEqualTo(405);
        assertThat(getOnAnAction.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> badEscape = api.get("/api/incidents/%E0%A4", token);
        assertThat(badEscape.statusCode()).isEqualTo(400);
        assertThat(badEscape.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
    }

    @Test
    void oversizedHeadersAreRefusedBeforeRoutingAsProblems() throws Exception {
        HttpResponse<String> response = api.http.send(api.request("/api/me", api.token(Role.ADMIN))
                .header("X-Padding", "p".repeat(10_000)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        assertThat(ApiTestServer.json(response).get("type").asText()).isEqualTo("urn:vigil:problem:headers-too-large");
    }

    @Test
    void everyAnswerCarriesARequestIdAndIsNeverCached() throws Exception {
        HttpResponse<String> ok = api.get("/api/me", api.token(Role.AUDITOR));
        HttpResponse<String> refused = api.get("/api/me", null);
        for (HttpResponse<String> response : List.of(ok, refused)) {
            assertThat(response.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{24}");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(ApiTestServer.json(refused).get("requestId").asText())
                .isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
        JsonNode me = ApiTestServer.json(ok);
        assertThat(me.get("principal").asText()).isEqualTo("auditor-1");
        assertThat(me.get("role").asText()).isEqualTo("auditor");
    }

    @Test
    void theAccessLogHasOneLinePerRequestAndNeverTheToken() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("io.vigil.api.access");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        root.addAppender(lines);
        try {
            String token = api.newToken("erin", Role.OPERATOR);
            String unknown = TokenSecret.newToken();
            api.get("/api/me", token);
            api.get("/api/me?x=" + token.substring(4), unknown);
            api.post("/api/incidents/x1:claim", token, Map.of("note", token));
            HttpResponse<String> forged = api.get("/api/evil%0d%0aforged-line", token);
            api.get("/api/%E2%80%AEevil", token);

            await().atMost(Duration.ofSeconds(5)).until(() -> logged(lines).stream()
                    .filter(e -> e.getLoggerName().equals("io.vigil.api.access")).count() >= 4);
            // Jetty's and the server's threads go on appending: look at a copy
            List<ILoggingEvent> logged = logged(lines);
            for (ILoggingEvent event : logged) {
                assertThat(event.getFormattedMessage()).doesNotContain(token).doesNotContain(token.substring(4))
                        .doesNotContain(unknown).doesNotContain("\n").doesNotContain("\r");
            }
            assertThat(logged.stream().map(ILoggingEvent::getFormattedMessage))
                    .anyMatch(line -> line.contains(" erin \"GET\" \"/api/me\" 200 "))
                    .anyMatch(line -> line.contains(" - \"GET\" \"/api/me\" 401 "))
                    .anyMatch(line -> line.contains("\"/api/%E2%80%AEevil\" 404"));
            // Jetty itself refuses control characters in a path, before routing; still problem+json
            assertThat(forged.statusCode()).isEqualTo(400);
            assertThat(forged.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        } finally {
            access.detachAppender(lines);
            root.detachAppender(lines);
        }
    }

    /** What the appender holds now; it appends under its own lock (AppenderBase.doAppend is synchronized). */
    private static List<ILoggingEvent> logged(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    private static void assertUnauthorizedProblem(HttpResponse<String> response, String what) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue(Problem.MEDIA_TYPE);
        JsonNode problem = ApiTestServer.json(response);
        assertThat(problem.get("type").asText()).as(what).isEqualTo("urn:vigil:problem:unauthorized");
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(401);
        assertThat(problem.get("title").asText()).as(what).isNotBlank();
    }
}
