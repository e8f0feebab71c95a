package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.DISASTER_MODE;
import static io.vigil.api.auth.Permission.INCIDENT_READ;

import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiText;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.audit.AuditKind;
import io.vigil.automation.Automation;
import io.vigil.automation.disaster.DisasterModes;
import io.vigil.automation.site.RecordRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Disaster mode (docs/automation.md, "Disaster mode"): a supervisor holds less urgent incidents of the centre or a region. */
public final class DisasterRoutes {

    public record StartBody(String region, Integer holdAbove, String reason) {}

    public record ReasonBody(String reason) {}

    public record Modes(List<DisasterModes.Mode> modes) {}

    private DisasterRoutes() {}

    public static List<Route> routes(Automation automation, ApiAudit audit) {
        return List.of(
                Route.get("/api/disaster-modes", INCIDENT_READ, request -> {
                    request.allowQuery();
                    return Reply.ok(new Modes(modes(automation).running()));
                }),
                Route.post("/api/disaster-modes", DISASTER_MODE, request -> {
                    request.allowQuery();
                    Automation a = SiteRecordRoutes.require(automation);
                    StartBody body = request.body(StartBody.class);
                    if (body.region() != null && !RecordRules.REGION.matcher(body.region()).matches()) {
                        throw ApiException.badRequest("region is 1-64 of letters, digits, '.', '_' and '-' (none: the whole centre)");
                    }
                    if (body.holdAbove() == null || body.holdAbove() < 1 || body.holdAbove() > 4) {
                        throw ApiException.badRequest("holdAbove is 1-4: incidents of a greater priority number are held");
                    }
                    String reason = ApiText.require("reason", body.reason(), 1, 500);
                    DisasterModes.Started started = modes(automation).start(body.region(), body.holdAbove(), reason,
                            request.principal().name(), a.clock().instant());
                    if (started instanceof DisasterModes.Started.Running) {
                        throw ApiException.conflict("a disaster mode runs for " + (body.region() == null ? "the centre"
                                : "region " + body.region()) + " already; end it first");
                    }
                    DisasterModes.Mode mode = ((DisasterModes.Started.Done) started).mode();
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("mode_id", mode.id());
                    details.put("region", mode.region());
                    details.put("hold_above", mode.holdAbove());
                    details.put("held", mode.held());
                    audit.record(ApiAudit.entry(AuditKind.DISASTER_STARTED, request, details).reason(reason));
                    return Reply.created(mode);
                }),
                Route.post("/api/disaster-modes/{id}:end", DISASTER_MODE, request -> {
                    request.allowQuery();
                    Automation a = SiteRecordRoutes.require(automation);
                    String idText = request.pathParam("id");
                    if (!idText.matches("[1-9][0-9]{0,17}")) {
                        throw ApiException.notFound("no disaster mode " + idText);
                    }
                    long id = Long.parseLong(idText);
                    String reason = ApiText.require("reason", request.body(ReasonBody.class).reason(), 1, 500);
                    DisasterModes.Mode ended = modes(automation).end(id, request.principal().name(), a.clock().instant())
                            .orElseThrow(() -> modes(automation).find(id).isPresent()
                                    ? ApiException.conflict("disaster mode " + id + " has ended already")
                                    : ApiException.notFound("no disaster mode " + id));
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("mode_id", ended.id());
                    details.put("region", ended.region());
                    details.put("released", ended.held());
                    audit.record(ApiAudit.entry(AuditKind.DISASTER_ENDED, request, details).reason(reason));
                    return Reply.ok(ended);
                }));
    }

    private static DisasterModes modes(Automation automation) {
        return SiteRecordRoutes.require(automation).disasters();
    }
}
