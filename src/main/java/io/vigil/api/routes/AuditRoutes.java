package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.AUDIT_READ;

import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.ApiText;
import io.vigil.api.ApiValues;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditHead;
import io.vigil.audit.AuditOutput;
import io.vigil.audit.AuditQuery;
import io.vigil.audit.CanonicalRow;
import io.vigil.audit.Hex;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit trail, read-only: the same rows and formats as {@code vigil audit query} and
 * {@code vigil audit head} (docs/audit.md), streamed straight from a server-side cursor.
 */
public final class AuditRoutes {

    public static final String JSON_LINES = "application/x-ndjson; charset=utf-8";
    public static final String CSV = "text/csv; charset=utf-8; header=present";
    private static final int MAX_FILTER = 1000;

    private AuditRoutes() {}

    public static List<Route> routes(DataSource dataSource, int fetchSize) {
        AuditQuery query = new AuditQuery(dataSource, fetchSize);
        return List.of(
                Route.get("/api/audit", AUDIT_READ, request -> query(query, request)),
                Route.get("/api/audit/head", AUDIT_READ, request -> {
                    request.allowQuery();
                    try (Connection connection = dataSource.getConnection()) {
                        String head = AuditHead.read(connection).map(AuditHead::toJson)
                                .orElse("{\"seq\":0,\"recorded_at\":null,\"hash\":\"" + Hex.of(CanonicalRow.GENESIS) + "\"}");
                        return new Reply.Bytes("application/json", head.getBytes(StandardCharsets.UTF_8));
                    }
                }),
                Route.get("/api/audit/verify", AUDIT_READ, request -> verify(dataSource, fetchSize, request)));
    }

    /** What {@code GET /api/audit/verify} answers: {@code vigil audit verify}'s finding as JSON. */
    public record Verification(boolean intact, long rowsChecked, Long headSeq, Long brokenSeq, String problem,
                               String explanation) {}

    private static Reply verify(DataSource dataSource, int fetchSize, ApiRequest request) throws Exception {
        request.allowQuery("from", "to");
        io.vigil.audit.VerifyResult result = new io.vigil.audit.AuditVerifier(dataSource, fetchSize).verify(
                new io.vigil.audit.AuditVerifier.Range(ApiValues.time("from", request.query("from")),
                        ApiValues.time("to", request.query("to")), null));
        if (result instanceof io.vigil.audit.VerifyResult.Broken broken) {
            return Reply.ok(new Verification(false, broken.rowsChecked(), null, broken.seq(),
                    broken.problem().name().toLowerCase(java.util.Locale.ROOT), broken.explanation()));
        }
        io.vigil.audit.VerifyResult.Intact intact = (io.vigil.audit.VerifyResult.Intact) result;
        return Reply.ok(new Verification(true, intact.rowsChecked(), intact.head() == null ? null : intact.head().seq(),
                null, null, null));
    }

    private static Reply query(AuditQuery query, ApiRequest request) {
        request.allowQuery("site", "incident", "operator", "actorType", "actorId", "event", "kind", "from", "to",
                "format", "spreadsheetSafe");
        String operator = filter(request, "operator");
        String actorType = filter(request, "actorType");
        if (operator != null && actorType != null) {
            throw ApiException.badRequest("operator and actorType exclude each other");
        }
        String format = request.query("format") == null ? "jsonl" : request.query("format");
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw ApiException.badRequest("format is jsonl or csv");
        }
        String safe = request.query("spreadsheetSafe");
        if (safe != null && !safe.equals("true") && !safe.equals("false")) {
            throw ApiException.badRequest("spreadsheetSafe is true or false");
        }
        boolean spreadsheetSafe = "true".equals(safe);
        if (spreadsheetSafe && !format.equals("csv")) {
            throw ApiException.badRequest("spreadsheetSafe applies to format=csv only");
        }
        AuditFilter filter;
        try {
            filter = AuditFilter.ALL.site(filter(request, "site")).incident(filter(request, "incident"))
                    .event(filter(request, "event")).kind(filter(request, "kind"))
                    .between(ApiValues.time("from", request.query("from")), ApiValues.time("to", request.query("to")));
            filter = operator != null ? filter.operator(operator) : filter.actor(actorType, filter(request, "actorId"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage().replace("--from", "from").replace("--to", "to"));
        }
        AuditFilter chosen = filter;
        boolean csv = format.equals("csv");
        return new Reply.Streamed(csv ? CSV : JSON_LINES, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            query.run(chosen, csv ? AuditOutput.csv(writer, spreadsheetSafe) : AuditOutput.jsonLines(writer));
            writer.flush();
        });
    }

    // filters are compared as bound parameters, never parsed: any storable text is a valid filter
    private static String filter(ApiRequest request, String name) {
        return ApiText.require(name, request.query(name), 0, MAX_FILTER);
    }
}
