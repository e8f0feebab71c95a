package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.IncidentConsole.State;
import io.vigil.api.auth.Role;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditKind;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer of the incident endpoints alone, on a fake incident service that records what it
 * was asked: query parameters parsed into the filter, request bodies and notes checked, errors.
 * Queue order, filters, truncation and state rules are tested on the real service in {@link IncidentApiIT}.
 */
class IncidentApiLayerIT {

    /** Texts that would break a query built by concatenation, or a log line, or a terminal. */
    static final List<String> HOSTILE = List.of(
            "'; DROP TABLE audit_log; --",
            "x' OR '1'='1",
            "Robert'); DELETE FROM api_tokens WHERE ('1'='1",
            "\" OR \"\"=\"",
            "$$; SELECT pg_sleep(10); $$",
            "line one\nline two\r\n\u001b[31mred\u001b[0m",
            "\u202eevil\u202c 😀 \\N \\x00 %00 %s {{vigil.db.password}} ${jndi:ldap://x}");

    static ApiTestServer api;
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
        api.incidents.add("act-2", "site-c", "panic", 1, State.OPEN, T0);
        api.incidents.add("act-4", "site-c", "panic", 1, State.OPEN, T0);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void queueParametersReachTheIncidentServiceAsAFilter() throws Exception {
        String token = api.token(Role.OPERATOR);

        assertThat(api.get("/api/incidents?category=fire,burglary&priority=1,2,3", token).statusCode()).isEqualTo(200);
        IncidentConsole.QueueFilter asked = api.incidents.queries.get(api.incidents.queries.size() - 1);
        assertThat(asked.categories()).containsExactlyInAnyOrder("fire", "burglary");
        assertThat(asked.priorities()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(asked.states()).isEmpty();
        assertThat(asked.siteId()).isNull();
        // one more than the page, to tell a full page from a truncated queue
        assertThat(asked.limit()).isEqualTo(IncidentRoutes_DEFAULT_LIMIT + 1);

        assertThat(api.get("/api/incidents?state=closed,claimed&site=site-a,site-b&limit=7", token).statusCode()).isEqualTo(200);
        asked = api.incidents.queries.get(api.incidents.queries.size() - 1);
        assertThat(asked.states()).containsExactlyInAnyOrder(State.CLOSED, State.CLAIMED);
        // "site-a,site-b" is one (unknown) site id, not a list: only state, category and priority are lists
        assertThat(asked.siteId()).isEqualTo("site-a,site-b");
        assertThat(asked.limit()).isEqualTo(8);
    }

    private static final int IncidentRoutes_DEFAULT_LIMIT = io.vigil.api.routes.IncidentRoutes.DEFAULT_LIMIT;

    @Test
    void badQueueParametersAreClearFourHundreds() throws Exception {
        String token = api.token(Role.OPERATOR);
        Map<String, String> cases = Map.of(
                "/api/incidents?state=burning", "state",
                "/api/incidents?category=arson", "category",
                "/api/incidents?priority=0", "priority",
                "/api/incidents?priority=1;DROP", "priority",
                "/api/incidents?limit=501", "limit",
                "/api/incidents?limit=ten", "limit",
                "/api/incidents?stat=open", "unknown query parameter stat",
                "/api/incidents?site=a&site=b", "more than once");
        for (var c : cases.entrySet()) {
            HttpResponse<String> response = api.get(c.getKey(), token);
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
            JsonNode problem = ApiTestServer.json(response);
            assertThat(problem.get("type").asText()).isEqualTo("urn:vigil:problem:bad-request");
            assertThat(problem.get("detail").asText()).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void theNoteIsMandatoryAndBetweenOneAndTwoThousandCharacters() throws Exception {
        String operator = api.token(Role.OPERATOR);
        String path = "/api/incidents/act-2:acknowledge";
        for (String body : List.of("{}", "{\"note\":null}", "{\"note\":\"\"}", "{\"note\":\"   \"}",
                "{\"note\":\"" + "x".repeat(2001) + "\"}", "{\"note\":42}", "{\"note\":true}", "{\"note\":[\"a\"]}",
                "{\"note\":\"a\",\"extra\":1}", "{\"note\":\"a\",\"note\":\"b\"}", "{\"note\":\"a\"} {}",
                "{\"note\":\"nul \\u0000 inside\"}", "{\"note\":\"half \\ud800 a pair\"}", "[]", "null", "not json", "")) {
            HttpResponse<String> response = api.post(path, operator, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(ApiTestServer.json(response).get("type").asText()).as(body).isEqualTo("urn:vigil:problem:bad-request");
        }
        assertThat(api.auditRows(AuditFilter.ALL.incident("act-2"))).isEmpty();

        // 2000 characters, counted as characters (code points), not UTF-16 units
        String longest = "😀".repeat(2000);
        HttpResponse<String> ok = api.post(path, operator, Map.of("note", longest));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(api.auditRows(AuditFilter.ALL.incident("act-2")).get(0).get("details").get("note").asText()).isEqualTo(longest);
    }

    @Test
    void hostileQueryParametersAreDataNotCode() throws Exception {
        String token = api.token(Role.OPERATOR);
        for (String site : HOSTILE.subList(0, 5)) {
            HttpResponse<String> response = api.get("/api/incidents?site=" + java.net.URLEncoder.encode(site,
                    java.nio.charset.StandardCharsets.UTF_8), token);
            assertThat(response.statusCode()).as(site).isEqualTo(200);
            assertThat(ApiTestServer.json(response).get("incidents")).isEmpty();
            IncidentConsole.QueueFilter asked = api.incidents.queries.get(api.incidents.queries.size() - 1);
            assertThat(asked.siteId()).isEqualTo(site);
        }
    }

    @Test
    void bodiesAreJsonAndLimitedInSize() throws Exception {
        String operator = api.token(Role.OPERATOR);
        String path = "/api/incidents/act-4:acknowledge";

        HttpResponse<String> plain = api.http.send(api.request(path, operator).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"n\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(ApiTestServer.json(plain).get("type").asText()).isEqualTo("urn:vigil:problem:unsupported-media-type");
        HttpResponse<String> latin1 = api.http.send(api.request(path, operator).header("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"n\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(latin1.statusCode()).isEqualTo(415);

        String big = "{\"note\":\"" + "x".repeat(70_000) + "\"}";
        HttpResponse<String> declared = api.post(path, operator, big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(ApiTestServer.json(declared).get("type").asText()).isEqualTo("urn:vigil:problem:payload-too-large");

        // chunked, without a Content-Length: the limit holds while reading
        HttpResponse<String> chunked = api.http.send(api.request(path, operator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);

        assertThat(api.auditRows(AuditFilter.ALL.incident("act-4"))).isEmpty();
        // and the connection is usable again afterwards
        assertThat(api.get("/api/me", operator).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnavailableIncidentServiceIsAFiveHundredThree() throws Exception {
        api.incidents.unavailable = true;
        try {
            HttpResponse<String> response = api.get("/api/incidents", api.token(Role.OPERATOR));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(ApiTestServer.json(response).get("type").asText()).isEqualTo("urn:vigil:problem:unavailable");
        } finally {
            api.incidents.unavailable = false;
        }
    }
}
