package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.auth.Role;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditKind;
import io.vigil.trust.device.DeviceBundle;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sites and keys through the API: the same acts as `vigil site`, audited, the private key kept on the server. */
class SiteApiIT {

    static ApiTestServer api;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
        admin = api.newToken("ada", Role.ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void enrolmentRegistersTheSiteWritesTheBundleOnTheServerAndAnswersOnlyTheKid() throws Exception {
        HttpResponse<String> response = api.post("/api/sites", admin, Map.of("id", "site-enrol", "name", "Depot 7", "alg", "ES256"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode enrolled = ApiTestServer.json(response);
        OpenApiSchemas.assertValid("Enrolled", enrolled);
        assertThat(enrolled.get("siteId").asText()).isEqualTo("site-enrol");
        assertThat(enrolled.get("alg").asText()).isEqualTo("ES256");
        String kid = enrolled.get("kid").asText();
        assertThat(kid).hasSize(43);
        Path bundle = Path.of(enrolled.get("bundle").get("path").asText());
        assertThat(bundle).isEqualTo(api.dir.resolve("sites/site-enrol").toAbsolutePath());
        assertThat(Files.readString(bundle.resolve(DeviceBundle.SIGNING_KEY))).contains("PRIVATE KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle))).isEqualTo("rwx------");
        assertThat(response.body()).doesNotContain("PRIVATE KEY").doesNotContain("BEGIN");

        JsonNode site = ApiTestServer.json(api.get("/api/sites/site-enrol", api.token(Role.AUDITOR)));
        OpenApiSchemas.assertValid("Site", site);
        assertThat(site.get("name").asText()).isEqualTo("Depot 7");
        assertThat(site.get("keys").findValuesAsText("kid")).containsExactly(kid);
        assertThat(site.get("keys").get(0).get("status").asText()).isEqualTo("active");

        List<JsonNode> rows = api.auditRows(AuditFilter.ALL.site("site-enrol").kind(AuditKind.SITE_ENROLLED));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("actor_id").asText()).isEqualTo("ada");
        assertThat(rows.get(0).get("details").get("kid").asText()).isEqualTo(kid);
        assertThat(rows.get(0).toString()).doesNotContain("PRIVATE");
    }

    @Test
    void enrollingTwiceIsAConflictAndBadInputIsRefused() throws Exception {
        assertThat(api.post("/api/sites", admin, Map.of("id", "site-twice")).statusCode()).isEqualTo(201);
        HttpResponse<String> again = api.post("/api/sites", admin, Map.of("id", "site-twice"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiTestServer.json(again).get("type").asText()).isEqualTo("urn:vigil:problem:conflict");

        for (Map<String, String> body : List.of(Map.of("id", "../etc"), Map.of("id", "a/b"), Map.of("id", ""),
                Map.of("id", "ok-site", "alg", "RS256"), Map.of("id", "ok-site", "name", "n".repeat(201)),
                Map.of("name", "no id"))) {
            HttpResponse<String> response = api.post("/api/sites", admin, body);
            assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
        }
        assertThat(Files.exists(api.dir.resolve("sites/ok-site"))).isFalse();
        assertThat(api.auditRows(AuditFilter.ALL.site("site-twice").kind(AuditKind.SITE_ENROLLED))).hasSize(1);
    }

    @Test
    void rotationAndRevocationAreAuditedAndTheReasonIsMandatory() throws Exception {
        String first = ApiTestServer.json(api.post("/api/sites", admin, Map.of("id", "site-keys"))).get("kid").asText();

        HttpResponse<String> rotated = api.post("/api/sites/site-keys/keys:rotate", admin, Map.of("overlap", "1h"));
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode body = ApiTestServer.json(rotated);
        OpenApiSchemas.assertValid("Rotated", body);
        assertThat(body.get("retiringKids").get(0).asText()).isEqualTo(first);
        String second = body.get("kid").asText();

        // an empty body is allowed for a rotation: every field has a default
        HttpResponse<String> empty = api.http.send(api.request("/api/sites/site-keys/keys:rotate", admin)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(200);

        assertThat(api.post("/api/sites/site-keys/keys/" + first + ":revoke", admin, "{}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/sites/site-keys/keys/" + first + ":revoke", admin, Map.of("reason", " ")).statusCode()).isEqualTo(400);
        String reason = "device stolen'); DELETE FROM site_keys; --";
        HttpResponse<String> revoked = api.post("/api/sites/site-keys/keys/" + first + ":revoke", admin, Map.of("reason", reason));
        assertThat(revoked.statusCode()).isEqualTo(200);
        OpenApiSchemas.assertValid("Key", ApiTestServer.json(revoked));
        assertThat(ApiTestServer.json(revoked).get("status").asText()).isEqualTo("revoked");
        assertThat(ApiTestServer.json(revoked).get("revokeReason").asText()).isEqualTo(reason);

        HttpResponse<String> twice = api.post("/api/sites/site-keys/keys/" + first + ":revoke", admin, Map.of("reason", "again"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(api.post("/api/sites/site-keys/keys/no-such-kid:revoke", admin, Map.of("reason", "x")).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/sites/no-site/keys:rotate", admin, "{}").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/sites/site-keys/keys:rotate", admin, Map.of("overlap", "31d")).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/sites/site-keys/keys:rotate", admin, Map.of("overlap", "soon")).statusCode()).isEqualTo(400);

        List<JsonNode> rows = api.auditRows(AuditFilter.ALL.site("site-keys"));
        assertThat(rows).extracting(r -> r.get("kind").asText())
                .containsExactly(AuditKind.SITE_ENROLLED, AuditKind.KEY_ROTATED, AuditKind.KEY_ROTATED, AuditKind.KEY_REVOKED);
        assertThat(rows.get(1).get("details").get("kid").asText()).isEqualTo(second);
        assertThat(rows.get(3).get("reason").asText()).isEqualTo(reason);
        assertThat(rows.get(3).get("details").get("kid").asText()).isEqualTo(first);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("actor_id").asText()).isEqualTo("ada"));
    }

    @Test
    void theSiteListShowsEverySiteWithItsKeysAndHostileNamesVerbatim() throws Exception {
        String name = "Bob's \"shop\"; DROP TABLE sites; -- \u202e\n😀";
        assertThat(api.post("/api/sites", admin, Map.of("id", "site-name", "name", name)).statusCode()).isEqualTo(201);

        HttpResponse<String> response = api.get("/api/sites", api.token(Role.ADMIN));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sites = ApiTestServer.json(response);
        OpenApiSchemas.assertValid("Sites", sites);
        JsonNode site = null;
        for (JsonNode s : sites.get("sites")) {
            if (s.get("id").asText().equals("site-name")) {
                site = s;
            }
        }
        assertThat(site).isNotNull();
        assertThat(site.get("name").asText()).isEqualTo(name);
        assertThat(api.auditRows(AuditFilter.ALL.site("site-name")).get(0).get("details").get("name").asText()).isEqualTo(name);
        assertThat(api.get("/api/sites/does-not-exist", admin).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/sites/..", admin).statusCode()).isIn(400, 404);
    }
}
