package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.auth.Role;
import io.vigil.api.auth.TokenSecret;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditKind;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Token administration: shown once, stored hashed, listed without secrets, revoked for good, audited. */
class TokenApiIT {

    static ApiTestServer api;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
        admin = api.newToken("root-admin", Role.ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aCreatedTokenWorksAtOnceIsStoredOnlyAsItsHashAndNeverListedOrAudited() throws Exception {
        String description = "night shift'); DROP TABLE api_tokens; --";
        HttpResponse<String> response = api.post("/api/tokens", admin,
                Map.of("principal", "nina", "role", "operator", "description", description, "ttl", "8h"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = ApiTestServer.json(response);
        OpenApiSchemas.assertValid("CreatedToken", created);
        String token = created.get("token").asText();
        String id = created.get("details").get("id").asText();
        assertThat(TokenSecret.wellFormed(token)).isTrue();
        assertThat(created.get("details").get("description").asText()).isEqualTo(description);
        assertThat(created.get("details").get("createdBy").asText()).isEqualTo("root-admin");

        JsonNode me = ApiTestServer.json(api.get("/api/me", token));
        assertThat(me.get("principal").asText()).isEqualTo("nina");
        assertThat(me.get("role").asText()).isEqualTo("operator");

        // the table holds the SHA-256 and nothing else of the secret
        try (Connection c = api.pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM api_tokens WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    String text = value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
                    assertThat(text).as(meta.getColumnName(i)).doesNotContain(token).doesNotContain(token.substring(4));
                }
                assertThat(rs.getBytes("token_hash")).isEqualTo(TokenSecret.hash(token));
            }
        }

        HttpResponse<String> list = api.get("/api/tokens", admin);
        OpenApiSchemas.assertValid("Tokens", ApiTestServer.json(list));
        assertThat(list.body()).contains(id).doesNotContain(token.substring(4)).doesNotContain("hash");

        List<JsonNode> rows = api.auditRows(AuditFilter.ALL.kind(AuditKind.TOKEN_CREATED));
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("details").get("created_token").asText()).isEqualTo(id);
            assertThat(r.get("details").get("granted_role").asText()).isEqualTo("operator");
            assertThat(r.get("actor_id").asText()).isEqualTo("root-admin");
        });
        assertThat(rows.toString()).doesNotContain(token.substring(4));
    }

    @Test
    void revocationIsFinalAuditedAndNeedsAReason() throws Exception {
        String token = api.newToken("rita", Role.AUDITOR);
        String id = ApiTestServer.json(api.get("/api/me", token)).get("tokenId").asText();

        assertThat(api.post("/api/tokens/" + id + ":revoke", admin, "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> revoked = api.post("/api/tokens/" + id + ":revoke", admin, Map.of("reason", "laptop lost"));
        assertThat(revoked.statusCode()).isEqualTo(200);
        OpenApiSchemas.assertValid("Token", ApiTestServer.json(revoked));
        assertThat(ApiTestServer.json(revoked).get("status").asText()).isEqualTo("revoked");
        assertThat(api.get("/api/me", token).statusCode()).isEqualTo(401);

        assertThat(api.post("/api/tokens/" + id + ":revoke", admin, Map.of("reason", "again")).statusCode()).isEqualTo(409);
        assertThat(api.post("/api/tokens/tok_doesnotexist0000:revoke", admin, Map.of("reason", "x")).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/tokens/' OR 1=1 --:revoke".replace(" ", "%20"), admin, Map.of("reason", "x")).statusCode())
                .isEqualTo(404);

        // the database refuses to bring a revoked token back, even for its owner role
        try (Connection c = java.sql.DriverManager.getConnection(api.database.config().url(),
                api.database.config().ownerUser(), api.database.config().ownerPassword());
             PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET revoked_at = NULL, revoked_by = NULL,"
                     + " revoke_reason = NULL WHERE id = ?")) {
            s.setString(1, id);
            org.assertj.core.api.Assertions.assertThatThrownBy(s::executeUpdate).hasMessageContaining("revoked");
        }

        List<JsonNode> rows = api.auditRows(AuditFilter.ALL.kind(AuditKind.TOKEN_REVOKED));
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("details").get("revoked_token").asText()).isEqualTo(id);
            assertThat(r.get("reason").asText()).isEqualTo("laptop lost");
        });
    }

    @Test
    void badCreationRequestsAreRefused() throws Exception {
        for (Map<String, String> body : List.of(
                Map.of("principal", "x y", "role", "operator"),
                Map.of("principal", "' OR 1=1", "role", "operator"),
                Map.of("principal", "ok", "role", "root"),
                Map.of("principal", "ok", "role", "operator", "ttl", "400d"),
                Map.of("principal", "ok", "role", "operator", "ttl", "0s"),
                Map.of("principal", "ok", "role", "operator", "ttl", "forever"),
                Map.of("principal", "ok", "role", "operator", "description", "d".repeat(201)),
                Map.of("role", "operator"))) {
            HttpResponse<String> response = api.post("/api/tokens", admin, body);
            assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
        }
        assertThat(api.get("/api/tokens", admin).body()).doesNotContain("\"principal\":\"ok\"");
    }
}
