package io.vigil.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Where {@link AuditQuery} writes rows: JSON lines or CSV (docs/audit.md, "Querying"). */
public sealed interface AuditOutput {

    /** Column names, in output order. */
    List<String> COLUMNS = List.of("seq", "recorded_at", "format", "kind", "actor_type", "actor_id", "site_id",
            "incident_id", "event_id", "reason", "details", "dedup_key", "prev_hash", "hash");

    void write(AuditRow row) throws IOException;

    void flush() throws IOException;

    static AuditOutput jsonLines(Writer out) throws IOException {
        return new JsonLines(out, false);
    }

    /** JSON lines with every non-ASCII character escaped too: for a terminal or a log, where bidi controls could mislead. */
    static AuditOutput asciiJsonLines(Writer out) throws IOException {
        return new JsonLines(out, true);
    }

    static AuditOutput csv(Writer out, boolean spreadsheetSafe) throws IOException {
        return new Csv(out, spreadsheetSafe);
    }

    /** One JSON object per line; text JSON-escaped by Jackson, details embedded as the stored JSON. */
    final class JsonLines implements AuditOutput {
        // re-serialising keeps decimals as written (1.50 stays 1.50, not the double 1.5)
        private static final ObjectMapper JSON = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
        private final JsonGenerator json;
        private final boolean asciiOnly;

        JsonLines(Writer out, boolean asciiOnly) throws IOException {
            json = JSON.getFactory().createGenerator(out);
            if (asciiOnly) {
                json.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            }
            json.setPrettyPrinter(new MinimalPrettyPrinter("")); // no separator between root values: we write \n
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            this.asciiOnly = asciiOnly;
        }

        @Override
        public void write(AuditRow row) throws IOException {
            json.writeStartObject();
            json.writeNumberField("seq", row.seq());
            json.writeStringField("recorded_at", AuditRows.iso(row.recordedAtMicros()));
            json.writeNumberField("format", row.format());
            json.writeStringField("kind", row.kind());
            json.writeStringField("actor_type", row.actorType());
            json.writeStringField("actor_id", row.actorId());
            json.writeStringField("site_id", row.siteId());
            json.writeStringField("incident_id", row.incidentId());
            json.writeStringField("event_id", row.eventId());
            json.writeStringField("reason", row.reason());
            json.writeFieldName("details");
            writeDetails(row.details());
            json.writeStringField("dedup_key", row.dedupKey());
            json.writeStringField("prev_hash", Hex.of(row.prevHash()));
            json.writeStringField("hash", Hex.of(row.hash()));
            json.writeEndObject();
            json.writeRaw('\n');
        }

        private void writeDetails(String details) throws IOException {
            if (details == null) {
                json.writeNull();
            } else if (!asciiOnly && details.indexOf('\n') < 0 && details.indexOf('\r') < 0) {
                // the column type guarantees valid JSON: embed the stored text byte for byte
                json.writeRawValue(details);
            } else {
                // line breaks between tokens would split the row over two lines: re-serialise
                json.writeTree(JSON.readTree(details));
            }
        }

        @Override
        public void flush() throws IOException {
            json.flush();
        }
    }

    /** RFC 4180: header row, CRLF line ends, quoting where needed, NULL as an empty field, "" as {@code ""}. */
    final class Csv implements AuditOutput {
        private final Writer out;
        private final boolean spreadsheetSafe;

        Csv(Writer out, boolean spreadsheetSafe) throws IOException {
            this.out = out;
            this.spreadsheetSafe = spreadsheetSafe;
            out.write(String.join(",", COLUMNS));
            out.write("\r\n");
        }

        @Override
        public void write(AuditRow row) throws IOException {
            out.write(Long.toString(row.seq()));
            out.write(',');
            out.write(AuditRows.iso(row.recordedAtMicros()));
            out.write(',');
            out.write(Integer.toString(row.format()));
            for (String text : new String[] {row.kind(), row.actorType(), row.actorId(), row.siteId(), row.incidentId(),
                    row.eventId(), row.reason(), row.details(), row.dedupKey()}) {
                out.write(',');
                cell(text);
            }
            out.write(',');
            out.write(Hex.of(row.prevHash()));
            out.write(',');
            out.write(Hex.of(row.hash()));
            out.write("\r\n");
        }

        private void cell(String text) throws IOException {
            if (text == null) {
                return; // SQL NULL: an empty, unquoted field
            }
            String value = spreadsheetSafe && startsLikeFormula(text) ? "'" + text : text;
            boolean quote = value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                    || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
            if (!quote) {
                out.write(value);
                return;
            }
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        }

        // what spreadsheet programs evaluate as a formula (OWASP "CSV injection")
        private static boolean startsLikeFormula(String text) {
            return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
