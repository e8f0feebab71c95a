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

/** The incident endpoints against the fake incident service: parameters, notes, audit, errors. */
class IncidentApiIT {

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
        FakeIncidentConsole fake = api.incidents;
        fake.add("inc-3", "site-a", "burglary", 2, State.OPEN, T0.plusSeconds(30));
        fake.add("inc-1", "site-a", "fire", 1, State.OPEN, T0.plusSeconds(60));
        fake.add("inc-2", "site-b", "fire", 1, State.ACKNOWLEDGED, T0);
        fake.add("inc-4", "site-b", "burglary", 3, State.CLOSED, T0);
        for (int i = 0; i < 12; i++) {
            fake.add("act-" + i, "site-c", "panic", 1, State.OPEN, T0);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void theQueueIsOrderedByPriorityThenAgeAndPassesItsFilters() throws Exception {
        String token = api.token(Role.OPERATOR);

        JsonNode queue = ApiTestServer.json(api.get("/api/incidents?site=site-a,site-b&limit=5", token));
        // "site-a,site-b" is one (unknown) site id, not a list: only state, category and priority are lists
        assertThat(queue.get("incidents")).isEmpty();

        HttpResponse<String> response = api.get("/api/incidents?category=fire,burglary&priority=1,2,3", token);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiTestServer.json(response);
        assertThat(body.get("incidents").findValuesAsText("id")).containsExactly("inc-2", "inc-1", "inc-3");
        assertThat(body.get("truncated").asBoolean()).isFalse();
        OpenApiSchemas.assertValid("IncidentQueue", body);

        IncidentConsole.QueueFilter asked = api.incidents.queries.get(api.incidents.queries.size() - 1);
        assertThat(asked.categories()).containsExactlyInAnyOrder("fire", "burglary");
        assertThat(asked.priorities()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(asked.states()).isEmpty();
        assertThat(asked.limit()).isEqualTo(IncidentRoutes_DEFAULT_LIMIT + 1);

        JsonNode closed = ApiTestServer.json(api.get("/api/incidents?state=closed", token));
        assertThat(closed.get("incidents").findValuesAsText("id")).containsExactly("inc-4");
    }

    private static final int IncidentRoutes_DEFAULT_LIMIT = io.vigil.api.routes.IncidentRoutes.DEFAULT_LIMIT;

    @Test
    void aLimitedQueueSaysItIsTruncated() throws Exception {
        JsonNode body = ApiTestServer.json(api.get("/api/incidents?limit=2", api.token(Role.AUDITOR)));

        assertThat(body.get("incidents")).hasSize(2);
        assertThat(body.get("limit").asInt()).isEqualTo(2);
        assertThat(body.get("truncated").asBoolean()).isTrue();
    }

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
    void detailHasEventsAndNotesAndAnUnknownIncidentIsNotFound() throws Exception {
        String token = api.token(Role.SUPERVISOR);
        HttpResponse<String> response = api.get("/api/incidents/inc-3", token);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode detail = ApiTestServer.json(response);
        assertThat(detail.get("incident").get("id").asText()).isEqualTo("inc-3");
        assertThat(detail.get("events")).hasSize(1);
        OpenApiSchemas.assertValid("IncidentDetail", detail);

        assertThat(api.get("/api/incidents/nope", token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/incidents/a%20b", token).statusCode()).isEqualTo(404);
        assertThat(ApiTestServer.json(api.get("/api/incidents/nope", token)).get("type").asText())
                .isEqualTo("urn:vigil:problem:not-found");
    }

    @Test
    void anOperatorHandlesAnIncidentAndEveryActIsAuditedWithItsNoteBeforeTheAnswer() throws Exception {
        String operator = api.newToken("olga", Role.OPERATOR);
        String supervisor = api.newToken("sam", Role.SUPERVISOR);

        HttpResponse<String> ack = api.post("/api/incidents/act-0:acknowledge", operator, Map.of("note", "seen, calling keyholder"));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ApiTestServer.json(ack).get("state").asText()).isEqualTo("acknowledged");
        OpenApiSchemas.assertValid("Incident", ApiTestServer.json(ack));
        assertThat(api.post("/api/incidents/act-0:claim", operator, Map.of("note", "mine")).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/incidents/act-0/notes", operator, Map.of("note", "keyholder on the way")).statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/incidents/act-0:resolve", operator, Map.of("note", "false alarm")).statusCode()).isEqualTo(200);
        HttpResponse<String> close = api.post("/api/incidents/act-0:close", supervisor, Map.of("note", "checked"));
        assertThat(ApiTestServer.json(close).get("state").asText()).isEqualTo("closed");

        // the answer came after the audit row was committed: it is there now, without waiting
        List<JsonNode> rows = api.auditRows(AuditFilter.ALL.incident("act-0"));
        assertThat(rows).extracting(r -> r.get("reason").asText())
                .containsExactly("acknowledge", "claim", "note", "resolve", "close");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("kind").asText()).isEqualTo(AuditKind.OPERATOR_ACTION);
            assertThat(r.get("actor_type").asText()).isEqualTo("operator");
            assertThat(r.get("site_id").asText()).isEqualTo("site-c");
            assertThat(r.get("details").get("request_id").asText()).matches("[0-9a-f]{24}");
            assertThat(r.get("dedup_key").asText()).startsWith("api:");
        });
        assertThat(rows).extracting(r -> r.get("actor_id").asText()).containsExactly("olga", "olga", "olga", "olga", "sam");
        assertThat(rows.get(0).get("details").get("note").asText()).isEqualTo("seen, calling keyholder");
        assertThat(rows.get(4).get("details").get("state").asText()).isEqualTo("closed");
        assertThat(api.incidents.notes("act-0")).extracting(IncidentConsole.Note::operatorId)
                .containsExactly("olga", "olga", "olga", "olga", "sam");
    }

    @Test
    void anActTheIncidentsStateDoesNotAllowIsAConflictAndIsNotAudited() throws Exception {
        String operator = api.newToken("otto", Role.OPERATOR);
        HttpResponse<String> response = api.post("/api/incidents/act-1:resolve", operator, Map.of("note", "too early"));

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode problem = ApiTestServer.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:vigil:problem:conflict");
        assertThat(problem.get("detail").asText()).contains("open");
        assertThat(api.auditRows(AuditFilter.ALL.incident("act-1"))).isEmpty();
        assertThat(api.post("/api/incidents/ghost:claim", operator, Map.of("note", "n")).statusCode()).isEqualTo(404);
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
    void hostileNotesAreStoredAndReturnedVerbatim() throws Exception {
        String operator = api.newToken("hostile-notes", Role.OPERATOR);
        for (String note : HOSTILE) {
            assertThat(api.post("/api/incidents/act-3/notes", operator, Map.of("note", note)).statusCode()).as(note).isEqualTo(200);
        }

        JsonNode detail = ApiTestServer.json(api.get("/api/incidents/act-3", operator));
        assertThat(detail.get("notes").findValuesAsText("text")).containsExactlyElementsOf(HOSTILE);
        // the audit trail holds them verbatim too, and returns them verbatim through the API
        HttpResponse<String> audit = api.get("/api/audit?incident=act-3", api.token(Role.AUDITOR));
        List<String> notes = audit.body().lines().map(line -> {
            try {
                return ApiTestServer.JSON.readTree(line).get("details").get("note").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(notes).containsExactlyElementsOf(HOSTILE);
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
