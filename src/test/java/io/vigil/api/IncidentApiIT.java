package io.vigil.api;

import static io.vigil.escalation.Signals.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.auth.Role;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditKind;
import io.vigil.normalize.EventCategory;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incident endpoints on the real incident service and PostgreSQL: queue order, filters,
 * truncation and the state rules (409) are the database's and the escalation stage's, not a fake's.
 * Each test opens the incidents of its own site, so the tests hold in any order.
 */
class IncidentApiIT {

    /** Texts that would break a query built by concatenation, or a log line, or a terminal. */
    static final List<String> HOSTILE = IncidentApiLayerIT.HOSTILE;

    static ApiTestServer api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.withIncidentService();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static String newSite() {
        return "api-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Opens an incident of this site and category through the incident engine; returns its id. */
    private static String open(String site, EventCategory category) throws Exception {
        api.incidentEngine.process(List.of(alarm(site, category, "001", Instant.now())));
        JsonNode queue = ApiTestServer.json(api.get("/api/incidents?site=" + site + "&category=" + category.wireName(),
                api.token(Role.AUDITOR)));
        assertThat(queue.get("incidents")).as("open %s incident of %s", category, site).hasSize(1);
        return queue.get("incidents").get(0).get("id").asText();
    }

    private static List<String> ids(String query, String token) throws Exception {
        HttpResponse<String> response = api.get(query, token);
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        JsonNode body = ApiTestServer.json(response);
        OpenApiSchemas.assertValid("IncidentQueue", body);
        return body.get("incidents").findValuesAsText("id");
    }

    @Test
    void theQueueIsOrderedByPriorityThenAgeAndPassesItsFilters() throws Exception {
        String token = api.token(Role.OPERATOR);
        String site = newSite();
        String other = newSite();
        // opened in this order: burglary (priority 2), fire (1), technical (3), panic (1)
        String burglary = open(site, EventCategory.BURGLARY);
        String fire = open(site, EventCategory.FIRE);
        String technical = open(site, EventCategory.TECHNICAL);
        String panic = open(site, EventCategory.PANIC);
        String elsewhere = open(other, EventCategory.FIRE);
        String supervisor = api.token(Role.SUPERVISOR);
        assertThat(api.post("/api/incidents/" + panic + ":acknowledge", token, Map.of("note", "seen")).statusCode()).isEqualTo(200);

        assertThat(ids("/api/incidents?site=" + site, token)).containsExactly(fire, panic, burglary, technical);
        assertThat(ids("/api/incidents?site=" + site + "&category=fire,technical", token)).containsExactly(fire, technical);
        assertThat(ids("/api/incidents?site=" + site + "&priority=2,3", token)).containsExactly(burglary, technical);
        assertThat(ids("/api/incidents?site=" + site + "&state=acknowledged", token)).containsExactly(panic);
        assertThat(ids("/api/incidents?site=" + site + "&state=open&priority=1", token)).containsExactly(fire);
        assertThat(ids("/api/incidents?site=" + other, token)).containsExactly(elsewhere);
        assertThat(ids("/api/incidents?category=fire", token)).contains(fire, elsewhere).doesNotContain(burglary, panic);
        // "site-a,site-b" is one (unknown) site id, not a list: only state, category and priority are lists
        assertThat(ids("/api/incidents?site=" + site + "," + other, token)).isEmpty();

        // a closed incident leaves the default queue and is found by its state
        for (String act : List.of("acknowledge", "resolve")) {
            assertThat(api.post("/api/incidents/" + burglary + ":" + act, token, Map.of("note", act)).statusCode()).isEqualTo(200);
        }
        assertThat(api.post("/api/incidents/" + burglary + ":close", supervisor, Map.of("note", "done")).statusCode()).isEqualTo(200);
        assertThat(ids("/api/incidents?site=" + site, token)).containsExactly(fire, panic, technical);
        assertThat(ids("/api/incidents?site=" + site + "&state=closed", token)).containsExactly(burglary);
    }

    @Test
    void aLimitedQueueSaysItIsTruncated() throws Exception {
        String site = newSite();
        String fire = open(site, EventCategory.FIRE);
        String burglary = open(site, EventCategory.BURGLARY);
        open(site, EventCategory.TECHNICAL);
        String token = api.token(Role.AUDITOR);

        JsonNode limited = ApiTestServer.json(api.get("/api/incidents?site=" + site + "&limit=2", token));
        assertThat(limited.get("incidents").findValuesAsText("id")).containsExactly(fire, burglary);
        assertThat(limited.get("limit").asInt()).isEqualTo(2);
        assertThat(limited.get("truncated").asBoolean()).isTrue();

        JsonNode exact = ApiTestServer.json(api.get("/api/incidents?site=" + site + "&limit=3", token));
        assertThat(exact.get("incidents")).hasSize(3);
        assertThat(exact.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void detailHasEventsAndNotesAndAnUnknownIncidentIsNotFound() throws Exception {
        String token = api.token(Role.SUPERVISOR);
        String site = newSite();
        String id = open(site, EventCategory.BURGLARY);
        HttpResponse<String> response = api.get("/api/incidents/" + id, token);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode detail = ApiTestServer.json(response);
        assertThat(detail.get("incident").get("id").asText()).isEqualTo(id);
        assertThat(detail.get("incident").get("siteId").asText()).isEqualTo(site);
        assertThat(detail.get("events")).hasSize(1);
        OpenApiSchemas.assertValid("IncidentDetail", detail);

        assertThat(api.get("/api/incidents/" + UUID.randomUUID(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/incidents/nope", token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/incidents/a%20b", token).statusCode()).isEqualTo(404);
        assertThat(ApiTestServer.json(api.get("/api/incidents/nope", token)).get("type").asText())
                .isEqualTo("urn:vigil:problem:not-found");
    }

    @Test
    void anOperatorHandlesAnIncidentAndEveryActIsAuditedWithItsNoteBeforeTheAnswer() throws Exception {
        String site = newSite();
        String id = open(site, EventCategory.PANIC);
        String operator = api.newToken("olga", Role.OPERATOR);
        String supervisor = api.newToken("sam", Role.SUPERVISOR);

        HttpResponse<String> ack = api.post("/api/incidents/" + id + ":acknowledge", operator, Map.of("note", "seen, calling keyholder"));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ApiTestServer.json(ack).get("state").asText()).isEqualTo("acknowledged");
        OpenApiSchemas.assertValid("Incident", ApiTestServer.json(ack));
        assertThat(api.post("/api/incidents/" + id + ":claim", operator, Map.of("note", "mine")).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/incidents/" + id + "/notes", operator, Map.of("note", "keyholder on the way")).statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/incidents/" + id + ":resolve", operator, Map.of("note", "false alarm")).statusCode()).isEqualTo(200);
        HttpResponse<String> close = api.post("/api/incidents/" + id + ":close", supervisor, Map.of("note", "checked"));
        assertThat(ApiTestServer.json(close).get("state").asText()).isEqualTo("closed");

        // the answer came after the audit row was committed: it is there now, without waiting
        List<JsonNode> rows = api.auditRows(AuditFilter.ALL.incident(id));
        assertThat(rows).extracting(r -> r.get("reason").asText())
                .containsExactly("acknowledge", "claim", "note", "resolve", "close");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("kind").asText()).isEqualTo(AuditKind.OPERATOR_ACTION);
            assertThat(r.get("actor_type").asText()).isEqualTo("operator");
            assertThat(r.get("site_id").asText()).isEqualTo(site);
            assertThat(r.get("details").get("request_id").asText()).matches("[0-9a-f]{24}");
            assertThat(r.get("dedup_key").asText()).startsWith("api:");
        });
        assertThat(rows).extracting(r -> r.get("actor_id").asText()).containsExactly("olga", "olga", "olga", "olga", "sam");
        assertThat(rows.get(0).get("details").get("note").asText()).isEqualTo("seen, calling keyholder");
        assertThat(rows.get(4).get("details").get("state").asText()).isEqualTo("closed");
        // and the incident service stored each note with its operator
        JsonNode detail = ApiTestServer.json(api.get("/api/incidents/" + id, operator));
        assertThat(detail.get("incident").get("state").asText()).isEqualTo("closed");
        assertThat(detail.get("notes").findValuesAsText("text"))
                .containsExactly("seen, calling keyholder", "mine", "keyholder on the way", "false alarm", "checked");
        assertThat(detail.get("notes").findValuesAsText("operatorId")).containsExactly("olga", "olga", "olga", "olga", "sam");
    }

    @Test
    void anActTheIncidentsStateDoesNotAllowIsAConflictAndIsNotAudited() throws Exception {
        String id = open(newSite(), EventCategory.FIRE);
        String operator = api.newToken("otto", Role.OPERATOR);
        HttpResponse<String> response = api.post("/api/incidents/" + id + ":resolve", operator, Map.of("note", "too early"));

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode problem = ApiTestServer.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:vigil:problem:conflict");
        assertThat(problem.get("detail").asText()).contains("open");
        assertThat(api.auditRows(AuditFilter.ALL.incident(id))).isEmpty();
        JsonNode detail = ApiTestServer.json(api.get("/api/incidents/" + id, operator));
        assertThat(detail.get("incident").get("state").asText()).isEqualTo("open");
        assertThat(detail.get("notes")).isEmpty();

        String closeToken = api.token(Role.SUPERVISOR);
        assertThat(api.post("/api/incidents/" + id + ":close", closeToken, Map.of("note", "n")).statusCode()).isEqualTo(409);
        assertThat(api.post("/api/incidents/" + UUID.randomUUID() + ":claim", operator, Map.of("note", "n")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theLongestNoteTheApiAllowsIsStoredWhole() throws Exception {
        String id = open(newSite(), EventCategory.BURGLARY);
        String operator = api.token(Role.OPERATOR);
        // 2000 characters (code points) are 4000 UTF-16 units: the service must store them all
        String longest = "😀".repeat(2000);
        assertThat(api.post("/api/incidents/" + id + ":acknowledge", operator, Map.of("note", longest)).statusCode())
                .isEqualTo(200);
        assertThat(api.auditRows(AuditFilter.ALL.incident(id)).get(0).get("details").get("note").asText()).isEqualTo(longest);
        assertThat(ApiTestServer.json(api.get("/api/incidents/" + id, operator)).get("notes").findValuesAsText("text"))
                .containsExactly(longest);
    }

    @Test
    void hostileNotesAreStoredAndReturnedVerbatim() throws Exception {
        String id = open(newSite(), EventCategory.TAMPER);
        String operator = api.newToken("hostile-notes", Role.OPERATOR);
        for (String note : HOSTILE) {
            assertThat(api.post("/api/incidents/" + id + "/notes", operator, Map.of("note", note)).statusCode()).as(note)
                    .isEqualTo(200);
        }

        JsonNode detail = ApiTestServer.json(api.get("/api/incidents/" + id, operator));
        assertThat(detail.get("notes").findValuesAsText("text")).containsExactlyElementsOf(HOSTILE);
        HttpResponse<String> audit = api.get("/api/audit?incident=" + id, api.token(Role.AUDITOR));
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
        String id = open(newSite(), EventCategory.WATER);
        for (String site : HOSTILE.subList(0, 5)) {
            HttpResponse<String> response = api.get("/api/incidents?site=" + java.net.URLEncoder.encode(site,
                    java.nio.charset.StandardCharsets.UTF_8), token);
            assertThat(response.statusCode()).as(site).isEqualTo(200);
            assertThat(ApiTestServer.json(response).get("incidents")).as(site).isEmpty();
        }
        // and the tables are still there
        assertThat(api.get("/api/incidents/" + id, token).statusCode()).isEqualTo(200);
    }
}
