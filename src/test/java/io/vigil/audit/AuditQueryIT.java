package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whatever a site or an operator sends is data: stored, found and returned verbatim. */
class AuditQueryIT {

    static final List<String> HOSTILE = List.of(
            "'; DROP TABLE audit_log; --",
            "Robert'); DROP TABLE audit_log; --",
            "Robert'); --",
            "\" OR 1=1 --",
            "line one\nline two\r\nline three",
            "tab\there, comma, \"quote\"",
            "=HYPERLINK(\"http://evil\",\"click\")",
            "\u202Eevil\u202C \u00e9\u00e8 \u4e2d\u6587 \ud83d\udea8 \\ backslash \\u0041",
            "$$ dollar $q$ quoting $q$",
            "");

    private static final Instant T0 = Instant.parse("2031-05-10T08:00:00Z");

    private static AuditTestDatabase db;

    @BeforeAll
    static void hostileRows() throws Exception {
        db = AuditTestDatabase.create();
        List<AuditEntry> entries = new ArrayList<>();
        for (String text : HOSTILE) {
            entries.add(AuditEntry.signalQuarantined(text, text, text)
                    .details(java.util.Map.of("payload", text)));
            entries.add(AuditEntry.of(AuditKind.OPERATOR_ACTION, Actor.operator(text)).incident(text).reason(text));
        }
        db.append(entries, Clock.fixed(T0, ZoneOffset.UTC));
        db.append(List.of(AuditEntry.signalAccepted("site-next-day", "ev-next-day")),
                Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC));
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void theTableSurvivesAndHoldsEveryRow() throws Exception {
        try (Connection c = db.app().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(HOSTILE.size() * 2L + 1);
        }
        assertThat(db.verify()).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void findsAndReturnsHostileTextVerbatimAsJsonLines() throws Exception {
        for (String text : HOSTILE) {
            List<JsonNode> bySite = json(AuditFilter.ALL.site(text));
            assertThat(bySite).as(text).hasSize(1);
            JsonNode row = bySite.get(0);
            assertThat(row.get("site_id").asText()).isEqualTo(text);
            assertThat(row.get("event_id").asText()).isEqualTo(text);
            assertThat(row.get("reason").asText()).isEqualTo(text);
            assertThat(row.get("details").get("payload").asText()).isEqualTo(text);

            assertThat(json(AuditFilter.ALL.event(text))).as(text).hasSize(1);
            List<JsonNode> byOperator = json(AuditFilter.ALL.operator(text));
            assertThat(byOperator).as(text).hasSize(1);
            assertThat(byOperator.get(0).get("actor_id").asText()).isEqualTo(text);
            assertThat(json(AuditFilter.ALL.incident(text)).get(0).get("incident_id").asText()).isEqualTo(text);
        }
    }

    @Test
    void returnsHostileTextVerbatimAsCsv() throws Exception {
        StringWriter out = new StringWriter();
        long rows = new AuditQuery(db.app(), 100).run(AuditFilter.ALL.kind(AuditKind.SIGNAL_QUARANTINED),
                AuditOutput.csv(out, false));

        List<List<String>> records = Csv.parse(out.toString());
        assertThat(rows).isEqualTo(HOSTILE.size());
        assertThat(records).hasSize(HOSTILE.size() + 1);
        int site = AuditOutput.COLUMNS.indexOf("site_id");
        int reason = AuditOutput.COLUMNS.indexOf("reason");
        int details = AuditOutput.COLUMNS.indexOf("details");
        for (int i = 0; i < HOSTILE.size(); i++) {
            List<String> record = records.get(i + 1);
            assertThat(record.get(site)).isEqualTo(HOSTILE.get(i));
            assertThat(record.get(reason)).isEqualTo(HOSTILE.get(i));
            assertThat(new ObjectMapper().readTree(record.get(details)).get("payload").asText()).isEqualTo(HOSTILE.get(i));
        }
    }

    @Test
    void filtersCombineWithATimeRange() throws Exception {
        assertThat(json(AuditFilter.ALL.between(T0, T0.plusSeconds(86_400)))).hasSize(HOSTILE.size() * 2);
        assertThat(json(AuditFilter.ALL.between(T0.plusSeconds(86_400), null)))
                .singleElement().satisfies(row -> assertThat(row.get("site_id").asText()).isEqualTo("site-next-day"));
        assertThat(json(AuditFilter.ALL.site("site-next-day").between(T0, T0.plusSeconds(3600)))).isEmpty();
        assertThat(json(AuditFilter.ALL.site(HOSTILE.get(0)).kind(AuditKind.OPERATOR_ACTION))).isEmpty();
        assertThat(json(AuditFilter.ALL.actor("system", "trust"))).hasSize(HOSTILE.size() + 1);
        List<JsonNode> all = json(AuditFilter.ALL);
        assertThat(all).extracting(row -> row.get("seq").asLong()).isSorted().hasSize(HOSTILE.size() * 2 + 1);
        assertThat(all.get(0).get("recorded_at").asText()).isEqualTo("2031-05-10T08:00:00.000000Z");
    }

    private static List<JsonNode> json(AuditFilter filter) throws Exception {
        StringWriter out = new StringWriter();
        new AuditQuery(db.app(), 100).run(filter, AuditOutput.jsonLines(out));
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.toString().split("\n", -1)) {
            if (!line.isEmpty()) {
                rows.add(mapper.readTree(line));
            }
        }
        return rows;
    }
}
