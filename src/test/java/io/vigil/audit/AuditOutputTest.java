package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditOutputTest {

    static final String INJECTION = "'; DROP TABLE audit_log; --";
    static final String NASTY = "Robert'); --\r\n\"quoted\", comma\tTAB \u202Eevil \ud83d\udea8 \u00e9";

    private static AuditRow row(String reason, String details) {
        return new AuditRow(7, 1_736_071_200_123_456L, 1, "operator.action", "operator", "=cmd|' /C calc'!A0",
                INJECTION, "", null, reason, details, null, CanonicalRow.GENESIS, new byte[32]);
    }

    @Test
    void jsonLinesEscapeTextAndEmbedDetailsVerbatimOneRowPerLine() throws Exception {
        StringWriter out = new StringWriter();
        AuditOutput json = AuditOutput.jsonLines(out);
        json.write(row(NASTY, "{\"b\" : 1.50, \"a\":\"x\\u0000y\"}"));
        json.write(row("second", "{\n\"pretty\": true, \"n\": 1.50\n}"));
        json.flush();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"details\":{\"b\" : 1.50, \"a\":\"x\\u0000y\"}");
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("reason").asText()).isEqualTo(NASTY);
        assertThat(first.get("site_id").asText()).isEqualTo(INJECTION);
        assertThat(first.get("incident_id").asText()).isEmpty();
        assertThat(first.get("event_id").isNull()).isTrue();
        assertThat(first.get("recorded_at").asText()).isEqualTo("2025-01-05T10:00:00.123456Z");
        assertThat(lines.get(1)).contains("\"details\":{\"pretty\":true,\"n\":1.50}");
    }

    @Test
    void csvQuotesWhatNeedsItAndRoundTripsVerbatim() throws Exception {
        StringWriter out = new StringWriter();
        AuditOutput csv = AuditOutput.csv(out, false);
        csv.write(row(NASTY, "{\"a\":\"b,c\"}"));
        csv.flush();

        List<List<String>> records = Csv.parse(out.toString());
        assertThat(records.get(0)).isEqualTo(AuditOutput.COLUMNS);
        List<String> record = records.get(1);
        assertThat(record.get(AuditOutput.COLUMNS.indexOf("reason"))).isEqualTo(NASTY);
        assertThat(record.get(AuditOutput.COLUMNS.indexOf("site_id"))).isEqualTo(INJECTION);
        assertThat(record.get(AuditOutput.COLUMNS.indexOf("actor_id"))).isEqualTo("=cmd|' /C calc'!A0");
        assertThat(record.get(AuditOutput.COLUMNS.indexOf("details"))).isEqualTo("{\"a\":\"b,c\"}");
        // NULL and the empty string stay apart: an empty field and a quoted empty field
        assertThat(out.toString()).contains(",\"\",,");
    }

    @Test
    void spreadsheetSafeCsvDefusesFormulas() throws Exception {
        StringWriter out = new StringWriter();
        AuditOutput csv = AuditOutput.csv(out, true);
        csv.write(row("-1+1", null));
        csv.flush();

        List<String> record = Csv.parse(out.toString()).get(1);
        assertThat(record.get(AuditOutput.COLUMNS.indexOf("actor_id"))).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(record.get(AuditOutput.COLUMNS.indexOf("reason"))).isEqualTo("'-1+1");
        assertThat(record.get(AuditOutput.COLUMNS.indexOf("site_id"))).isEqualTo(INJECTION);
    }
}
