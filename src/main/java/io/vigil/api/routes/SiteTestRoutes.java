package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.RECORDS_ADMIN;
import static io.vigil.api.auth.Permission.RECORDS_READ;
import static io.vigil.api.auth.Permission.SITE_TEST;

import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.ApiText;
import io.vigil.api.ApiValues;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.audit.AuditKind;
import io.vigil.automation.Automation;
import io.vigil.automation.site.RecordRules;
import io.vigil.automation.sitetest.SiteTestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A site's periodic tests and on-test mode (docs/automation.md, "Periodic tests and on-test mode"):
 * the expected test interval (an administrator's), and putting the site or some zones on test for a
 * bounded time (an operator's or supervisor's), audited.
 */
public final class SiteTestRoutes {

    public static final Duration MAX_ON_TEST = Duration.ofHours(72);
    public static final int TRAFFIC_SHOWN = 100;

    public record IntervalBody(String interval, String grace) {}

    public record StartBody(List<String> zones, String duration, String reason) {}

    public record ReasonBody(String reason) {}

    public record Interval(String interval, String grace, Instant lastTestAt, Instant nextDueAt) {}

    public record OnTest(long id, List<String> zones, Instant startsAt, Instant until, String reason, String setBy) {}

    public record Traffic(String eventId, String zone, String eventClass, String category, String code, String description,
                          Instant at) {}

    public record SiteTests(String siteId, Interval interval, List<OnTest> onTest, List<Traffic> traffic) {}

    private SiteTestRoutes() {}

    public static List<Route> routes(Automation automation, ApiAudit audit) {
        return List.of(
                Route.get("/api/sites/{id}/tests", RECORDS_READ, request -> {
                    request.allowQuery();
                    Automation a = SiteRecordRoutes.require(automation);
                    return Reply.ok(view(a, SiteRecordRoutes.siteId(request)));
                }),
                Route.put("/api/sites/{id}/tests", RECORDS_ADMIN, request -> {
                    request.allowQuery();
                    Automation a = SiteRecordRoutes.require(automation);
                    String id = SiteRecordRoutes.siteId(request);
                    IntervalBody body = request.body(IntervalBody.class);
                    Duration interval = ApiValues.duration("interval", body.interval());
                    Duration grace = body.grace() == null ? Duration.ofMinutes(30) : ApiValues.duration("grace", body.grace());
                    if (interval == null || interval.compareTo(Duration.ofMinutes(1)) < 0 || interval.compareTo(Duration.ofDays(32)) > 0) {
                        throw ApiException.badRequest("interval is 1m to 32d");
                    }
                    if (grace.isNegative() || grace.compareTo(Duration.ofHours(24)) > 0) {
                        throw ApiException.badRequest("grace is 0 to 24h");
                    }
                    if (!a.tests().putInterval(id, interval, grace, request.principal().name(), a.clock().instant())) {
                        throw ApiException.notFound("no site " + id);
                    }
                    audit.record(ApiAudit.entry(AuditKind.SITE_TEST_INTERVAL_CHANGED, request,
                            Map.of("interval", interval.toString(), "grace", grace.toString())).site(id));
                    return Reply.ok(view(a, id));
                }),
                Route.post("/api/sites/{id}/tests:start", SITE_TEST, request -> {
                    request.allowQuery();
                    Automation a = SiteRecordRoutes.require(automation);
                    String id = SiteRecordRoutes.siteId(request);
                    StartBody body = request.body(StartBody.class);
                    String reason = ApiText.require("reason", body.reason(), 1, 500);
                    Duration duration = ApiValues.duration("duration", body.duration());
                    if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(MAX_ON_TEST) > 0) {
                        throw ApiException.badRequest("duration is 1m to 72h: on test always ends by itself");
                    }
                    List<String> zones = body.zones() == null ? List.of() : List.copyOf(new LinkedHashSet<>(body.zones()));
                    try {
                        zones.forEach(z -> RecordRules.areaOrZone("zones", z));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest(e.getMessage());
                    }
                    Instant now = a.clock().instant();
                    SiteTestStore.OnTest started = a.tests().start(id, zones, now, now.plus(duration), reason,
                            request.principal().name()).orElseThrow(() -> ApiException.notFound("no site " + id));
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("zones", zones);
                    details.put("until", started.until().toString());
                    audit.record(ApiAudit.entry(AuditKind.SITE_ON_TEST_STARTED, request, details).site(id).reason(reason));
                    return Reply.ok(view(a, id));
                }),
                Route.post("/api/sites/{id}/tests:end", SITE_TEST, request -> {
                    request.allowQuery();
                    Automation a = SiteRecordRoutes.require(automation);
                    String id = SiteRecordRoutes.siteId(request);
                    String reason = ApiText.require("reason", request.body(ReasonBody.class).reason(), 1, 500);
                    int ended = a.tests().end(id, a.clock().instant(), request.principal().name());
                    if (ended == 0) {
                        throw ApiException.conflict("site " + id + " is not on test");
                    }
                    audit.record(ApiAudit.entry(AuditKind.SITE_ON_TEST_ENDED, request, Map.of("ended", ended)).site(id)
                            .reason(reason));
                    return Reply.ok(view(a, id));
                }));
    }

    private static SiteTests view(Automation a, String id) {
        if (a.records().load(id).isEmpty()) {
            throw ApiException.notFound("no site " + id);
        }
        Instant now = a.clock().instant();
        Interval interval = a.tests().interval(id).map(i -> new Interval(i.interval().toString(), i.grace().toString(),
                i.lastTestAt(), i.nextDueAt())).orElse(null);
        List<OnTest> onTest = a.tests().active(id, now).stream().map(w -> new OnTest(w.id(), w.zones(), w.startsAt(),
                w.until(), w.reason(), w.setBy())).toList();
        List<Traffic> traffic = a.tests().traffic(id, TRAFFIC_SHOWN).stream().map(t -> new Traffic(t.eventId(), t.zone(),
                t.eventClass(), t.category(), t.code(), t.description(), t.at())).toList();
        return new SiteTests(id, interval, onTest, traffic);
    }
}
