package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.auth.Role;
import io.vigil.audit.Actor;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditHead;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit trail through the API: the CLI's rows and formats, hostile values verbatim, clear errors. */
class AuditApiIT {

    static ApiTestServer api;
    static String auditor;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
        auditor = api.token(Role.AUDITOR);
        for (String hostile : IncidentApiIT.HOSTILE) {
            api.audit.append(AuditEntry.of("signal.quarantined", Actor.system("trust")).site(hostile).reason(hostile)
                    .event("ev-" + hostile.length())).get(10, TimeUnit.SECONDS);
        }
        api.audit.append(AuditEntry.operatorAction("olga", "claim").incident("inc-9").site("site-a")
                .details("{\"note\": 1.50, \"z\": [1,2]}")).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void hostileFilterValuesMatchExactlyTheRowsThatHoldThemAndComeBackVerbatim() throws Exception {
        for (String hostile : IncidentApiIT.HOSTILE) {
            HttpResponse<String> response = api.get("/api/audit?site=" + q(hostile), auditor);
            assertThat(response.statusCode()).as(hostile).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
            List<String> lines = response.body().lines().toList();
            assertThat(lines).as(hostile).hasSize(1);
            JsonNode row = ApiTestServer.JSON.readTree(lines.get(0));
            assertThat(row.get("site_id").asText()).isEqualTo(hostile);
            assertThat(row.get("reason").asText()).isEqualTo(hostile);
        }
    }

    @Test
    void jsonLinesAreTheCliFormatWithDetailsByteForByte() throws Exception {
        HttpResponse<String> response = api.get("/api/audit?operator=olga&incident=inc-9", auditor);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"details\":{\"note\": 1.50, \"z\": [1,2]}");
        assertThat(response.body()).endsWith("\n");
        JsonNode row = ApiTestServer.JSON.readTree(response.body());
        assertThat(row.get("actor_type").asText()).isEqualTo("operator");
        assertThat(row.get("hash").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void csvHasAHeaderAndQuotesWhatNeedsQuoting() throws Exception {
        HttpResponse<String> response = api.get("/api/audit?format=csv&site=" + q("x' OR '1'='1"), auditor);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = response.body().split("\r\n");
        assertThat(lines[0]).startsWith("seq,recorded_at,format,kind,actor_type,actor_id,site_id");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(",x' OR '1'='1,");

        HttpResponse<String> safe = api.get("/api/audit?format=csv&spreadsheetSafe=true&kind=signal.quarantined", auditor);
        assertThat(safe.statusCode()).isEqualTo(200);
    }

    @Test
    void timesAndKindsFilterAndBadParametersAreFourHundreds() throws Exception {
        assertThat(api.get("/api/audit?from=2000-01-01&to=2000-01-02", auditor).body()).isEmpty();
        assertThat(api.get("/api/audit?kind=signal.quarantined", auditor).body().lines()).hasSize(IncidentApiIT.HOSTILE.size());
        for (String bad : List.of("from=yesterday", "from=2025-01-02&to=2025-01-01", "format=xml", "actorId=olga",
                "operator=olga&actorType=operator", "spreadsheetSafe=yes", "spreadsheetSafe=true", "sit=a",
                "site=" + q("nul\u0000"))) {
            HttpResponse<String> response = api.get("/api/audit?" + bad, auditor);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(bad).hasValue(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void theHeadIsTheNewestRow() throws Exception {
        HttpResponse<String> response = api.get("/api/audit/head", auditor);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode head = ApiTestServer.json(response);
        OpenApiSchemas.assertValid("AuditHead", head);
        try (Connection c = api.pool.getConnection()) {
            AuditHead actual = AuditHead.read(c).orElseThrow();
            assertThat(head.get("seq").asLong()).isGreaterThanOrEqualTo(actual.seq() - 1); // other tests may append
            if (head.get("seq").asLong() == actual.seq()) {
                assertThat(head.get("hash").asText()).isEqualTo(actual.hashHex());
            }
        }
    }

    @Test
    void theChainIsVerifiedOverTheAskedRange() throws Exception {
        HttpResponse<String> response = api.get("/api/audit/verify", auditor);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode verification = ApiTestServer.json(response);
        OpenApiSchemas.assertValid("AuditVerification", verification);
        assertThat(verification.get("intact").asBoolean()).as(response.body()).isTrue();
        assertThat(verification.get("rowsChecked").asLong()).isPositive();
        assertThat(verification.get("brokenSeq").isNull()).isTrue();
        // the console's page checks the range of its query; a bad time is refused, an unknown parameter too
        assertThat(api.get("/api/audit/verify?from=2020-01-01&to=2999-01-01", auditor).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/audit/verify?from=yesterday", auditor).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/audit/verify?site=x", auditor).statusCode()).isEqualTo(400);
    }
}
