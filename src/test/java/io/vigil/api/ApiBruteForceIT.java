package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.auth.Role;
import io.vigil.api.auth.TokenSecret;
import io.vigil.audit.AuditKind;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing tokens is limited per client address (issue 12, item 8; docs/api.md, "Brute force"): after
 * {@code burst} failed authentications every request from that address, valid token or not, is a 429
 * problem with Retry-After, and the refusal is audited once per window, not once per attempt.
 */
class ApiBruteForceIT {

    private static final int BURST = 5;

    static ApiTestServer api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start(Map.of("vigil.api.auth-failure.burst", Integer.toString(BURST),
                "vigil.api.auth-failure.refill-every", "1h"));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void failedAuthenticationsAreLimitedPerClientWith429AndOneAuditRecord() throws Exception {
        String valid = api.token(Role.ADMIN); // created before the attack: the token table is not the limit
        assertThat(api.get("/api/me", valid).statusCode()).isEqualTo(200);

        for (int i = 0; i < BURST; i++) {
            String what = i % 2 == 0 ? "Bearer " + TokenSecret.newToken() : null;
            HttpResponse<String> response = what == null ? api.get("/api/me", null)
                    : api.http.send(api.request("/api/me", null).header("Authorization", what).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("attempt " + i).isEqualTo(401);
        }
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = api.http.send(api.request("/api/me", null)
                    .header("Authorization", "Bearer " + TokenSecret.newToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
            assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
            JsonNode problem = ApiTestServer.json(response);
            assertThat(problem.path("status").asInt()).isEqualTo(429);
            assertThat(problem.path("type").asText()).endsWith("too-many-authentication-failures");
        }
        // while limited, even a valid token is not looked at: guessing right would not be noticed
        assertThat(api.get("/api/me", valid).statusCode()).isEqualTo(429);

        assertThat(auditRows()).isEqualTo(1);
    }

    private static int auditRows() throws Exception {
        try (Connection c = api.pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_log WHERE kind = ?")) {
            s.setString(1, AuditKind.API_AUTH_LIMITED);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
