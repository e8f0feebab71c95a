package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.REPORTS_READ;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.ApiValues;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.automation.Automation;
import io.vigil.automation.sla.ServiceLevels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Operator service levels (docs/automation.md, "Service levels"), as JSON or CSV. */
public final class ReportRoutes {

    public static final Duration MAX_SPAN = Duration.ofDays(366);

    public record ServiceLevelReport(Instant from, Instant to, String groupBy, String ackWithin, List<ServiceLevels.Row> rows) {}

    private static final CsvMapper CSV = new CsvMapper();

    private ReportRoutes() {}

    public static List<Route> routes(Automation automation) {
        return List.of(Route.get("/api/reports/service-levels", REPORTS_READ, request -> {
            request.allowQuery("from", "to", "groupBy", "category", "priority", "ackWithin", "format");
            Automation a = SiteRecordRoutes.require(automation);
            ServiceLevels.Query query = query(request, a.clock().instant());
            List<ServiceLevels.Row> rows = new ServiceLevels(a.records().dataSource()).report(query);
            String format = request.query("format") == null ? "json" : request.query("format");
            if (format.equals("csv")) {
                CsvSchema schema = CSV.schemaFor(ServiceLevels.Row.class).withHeader();
                return new Reply.Bytes("text/csv; charset=utf-8",
                        CSV.writer(schema).writeValueAsString(rows).getBytes(StandardCharsets.UTF_8));
            }
            if (!format.equals("json")) {
                throw ApiException.badRequest("format must be json or csv");
            }
            return Reply.ok(new ServiceLevelReport(query.from(), query.to(), query.groupBy().wireName(),
                    query.ackWithin().toString(), rows));
        }));
    }

    private static ServiceLevels.Query query(ApiRequest request, Instant now) {
        Instant to = request.query("to") == null ? now : ApiValues.time("to", request.query("to"));
        Instant from = request.query("from") == null ? to.minus(Duration.ofDays(1)) : ApiValues.time("from", request.query("from"));
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw ApiException.badRequest("from must be before to, at most 366 days");
        }
        ServiceLevels.GroupBy groupBy;
        try {
            groupBy = ServiceLevels.GroupBy.parse(request.query("groupBy") == null ? "day" : request.query("groupBy"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Set<String> categories = IncidentRoutes.categories(request);
        Set<Integer> priorities = IncidentRoutes.priorities(request);
        Duration ackWithin = request.query("ackWithin") == null ? Duration.ofSeconds(90)
                : ApiValues.duration("ackWithin", request.query("ackWithin"));
        if (ackWithin.isNegative() || ackWithin.compareTo(Duration.ofDays(1)) > 0) {
            throw ApiException.badRequest("ackWithin is 0 to 24h");
        }
        return new ServiceLevels.Query(from, to, groupBy, categories, priorities, ackWithin);
    }
}
