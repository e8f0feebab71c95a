package io.vigil.api;

import static io.vigil.api.auth.Role.ADMIN;
import static io.vigil.api.auth.Role.AUDITOR;
import static io.vigil.api.auth.Role.OPERATOR;
import static io.vigil.api.auth.Role.SUPERVISOR;
import static io.vigil.api.auth.Role.TECHNICIAN;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.auth.Role;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditKind;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route against every role. The expected table is written out here, independently of
 * {@link Role}, and must name every registered route: a new route without an entry fails the test.
 */
class ApiPermissionsIT {

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> INCIDENT_HANDLERS = EnumSet.of(OPERATOR, SUPERVISOR);
    private static final Set<Role> READERS = EnumSet.of(AUDITOR, ADMIN);

    /** docs/api.md, "Roles": who may call what. */
    static final Map<String, Set<Role>> ALLOWED = Map.ofEntries(
            entry("GET /api/openapi.json", EVERYONE),
            entry("GET /api/me", EVERYONE),
            entry("GET /api/incidents", EVERYONE),
            entry("GET /api/incidents/stream", EVERYONE),
            entry("GET /api/incidents/{id}", EVERYONE),
            entry("POST /api/incidents/{id}:acknowledge", INCIDENT_HANDLERS),
            entry("POST /api/incidents/{id}:claim", INCIDENT_HANDLERS),
            entry("POST /api/incidents/{id}:resolve", INCIDENT_HANDLERS),
            entry("POST /api/incidents/{id}/notes", INCIDENT_HANDLERS),
            entry("POST /api/incidents/{id}:close", EnumSet.of(SUPERVISOR)),
            entry("GET /api/incidents/{id}/plan", EVERYONE),
            entry("POST /api/incidents/{id}/plan/steps/{position}/outcomes", INCIDENT_HANDLERS),
            entry("POST /api/incidents/{id}/plan/steps/{position}:notify", INCIDENT_HANDLERS),
            entry("GET /api/sites/{id}/records", EVERYONE),
            entry("PUT /api/sites/{id}/records", EnumSet.of(ADMIN)),
            entry("POST /api/sites/{id}/records:verify-password", INCIDENT_HANDLERS),
            entry("GET /api/sites/{id}/schedule", EVERYONE),
            entry("PUT /api/sites/{id}/schedule", EnumSet.of(ADMIN)),
            entry("GET /api/sites/{id}/tests", EVERYONE),
            entry("GET /api/sites/{id}/supervision", EVERYONE),
            entry("PUT /api/sites/{id}/tests", EnumSet.of(ADMIN)),
            entry("POST /api/sites/{id}/tests:start", EnumSet.of(OPERATOR, SUPERVISOR, TECHNICIAN)),
            entry("POST /api/sites/{id}/tests:end", EnumSet.of(OPERATOR, SUPERVISOR, TECHNICIAN)),
            entry("GET /api/reports/service-levels", EnumSet.of(SUPERVISOR, AUDITOR, ADMIN)),
            entry("GET /api/disaster-modes", EVERYONE),
            entry("POST /api/disaster-modes", EnumSet.of(SUPERVISOR)),
            entry("POST /api/disaster-modes/{id}:end", EnumSet.of(SUPERVISOR)),
            entry("GET /api/plans", EVERYONE),
            entry("PUT /api/plans/{id}", EnumSet.of(ADMIN)),
            entry("GET /api/sites", EnumSet.of(OPERATOR, SUPERVISOR, AUDITOR, ADMIN)),
            entry("GET /api/sites/{id}", EnumSet.of(OPERATOR, SUPERVISOR, AUDITOR, ADMIN)),
            entry("POST /api/sites", EnumSet.of(ADMIN)),
            entry("POST /api/sites/{id}/keys:rotate", EnumSet.of(ADMIN)),
            entry("POST /api/sites/{id}/keys/{kid}:revoke", EnumSet.of(ADMIN)),
            entry("GET /api/audit", READERS),
            entry("GET /api/audit/head", READERS),
            entry("GET /api/audit/verify", READERS),
            entry("GET /api/tokens", EnumSet.of(ADMIN)),
            entry("POST /api/tokens", EnumSet.of(ADMIN)),
            entry("POST /api/tokens/{id}:revoke", EnumSet.of(ADMIN)));

    static ApiTestServer api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static String key(Route route) {
        return route.method() + " " + route.path();
    }

    @Test
    void theTableNamesExactlyTheRegisteredRoutes() {
        assertThat(new TreeSet<>(api.server.routes().stream().map(ApiPermissionsIT::key).toList()))
                .isEqualTo(new TreeSet<>(ALLOWED.keySet()));
    }

    @Test
    void eachRoleMayCallWhatItsRowAllowsAndIsRefusedTheRestAndRefusedActsAreAudited() throws Exception {
        List<String> problems = new ArrayList<>();
        int deniedStateChanges = 0;
        int deniedBefore = api.auditRows(AuditFilter.ALL.kind(AuditKind.API_DENIED)).size();
        for (Route route : api.server.routes()) {
            for (Role role : Role.values()) {
                int status = call(route, api.token(role));
                boolean allowed = ALLOWED.get(key(route)).contains(role);
                if (allowed && (status == 403 || status == 401)) {
                    problems.add(role + " was refused " + key(route) + " (" + status + ")");
                } else if (!allowed && status != 403) {
                    problems.add(role + " was not refused " + key(route) + " (" + status + ")");
                }
                if (!allowed && route.changesState()) {
                    deniedStateChanges++;
                }
            }
        }
        assertThat(problems).isEmpty();

        List<JsonNode> denied = api.auditRows(AuditFilter.ALL.kind(AuditKind.API_DENIED));
        assertThat(denied).hasSize(deniedBefore + deniedStateChanges);
        assertThat(denied).allSatisfy(row -> {
            assertThat(row.get("actor_type").asText()).isEqualTo("operator");
            assertThat(row.get("actor_id").asText()).endsWith("-1");
            assertThat(row.get("details").get("route").asText()).startsWith("/api/");
            assertThat(row.get("details").get("token_id").asText()).startsWith("tok_");
        });
    }

    @Test
    void aRefusalSaysWhichRoleWasRefused() throws Exception {
        HttpResponse<String> response = api.post("/api/sites", api.token(OPERATOR), "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        JsonNode problem = ApiTestServer.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:vigil:problem:forbidden");
        assertThat(problem.get("detail").asText()).contains("operator");
    }

    /** One request; bodies are empty objects, so that an allowed call fails validation and changes nothing. */
    private static int call(Route route, String token) throws Exception {
        String path = route.path().toString().replaceAll("\\{[A-Za-z]+}", "x1");
        HttpRequest.Builder request = api.request(path, token);
        if (route.changesState()) {
            request.header("Content-Type", "application/json").method(route.method(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.GET();
        }
        // the event stream never ends by itself: take the status, then hang up
        HttpResponse<InputStream> response = api.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(20, TimeUnit.SECONDS);
        response.body().close();
        return response.statusCode();
    }
}
