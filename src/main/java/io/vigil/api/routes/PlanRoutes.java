package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.INCIDENT_ACT;
import static io.vigil.api.auth.Permission.INCIDENT_READ;
import static io.vigil.api.auth.Permission.RECORDS_ADMIN;
import static io.vigil.api.auth.Permission.RECORDS_READ;

import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.IncidentConsole;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.audit.AuditKind;
import io.vigil.automation.Automation;
import io.vigil.automation.plan.ActionPlan;
import io.vigil.automation.plan.IncidentPlan;
import io.vigil.automation.plan.IncidentPlans;
import io.vigil.automation.plan.PlanNotifier;
import io.vigil.automation.plan.PlanRules;
import io.vigil.automation.plan.PlanStore;
import io.vigil.automation.site.InvalidRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Action plans (docs/automation.md, "Action plans"): the centre's and sites' plans, an incident's
 * plan with its outcomes, recording an outcome, and the e-mail notify step. Every act is audited as
 * {@code plan.changed} or {@code plan.step_recorded} before it is answered.
 */
public final class PlanRoutes {

    public record StepInput(String type, String instruction, Boolean mandatory, Map<String, Object> params) {}

    public record PlanInput(String category, String siteId, String name, List<StepInput> steps) {}

    public record Plans(List<ActionPlan> plans) {}

    public record OutcomeBody(String outcome, Integer contact, String reference, String note) {}

    /** The notify step takes no input; an empty body or {@code {}}. */
    public record NotifyBody() {}

    private PlanRoutes() {}

    public static List<Route> planRoutes(Automation automation, ApiAudit audit) {
        return List.of(
                Route.get("/api/plans", RECORDS_READ, request -> {
                    request.allowQuery();
                    return Reply.ok(new Plans(SiteRecordRoutes.require(automation).plans().list()));
                }),
                Route.put("/api/plans/{id}", RECORDS_ADMIN,
                        request -> put(SiteRecordRoutes.require(automation), audit, request)));
    }

    public static List<Route> incidentRoutes(Automation automation, ApiAudit audit) {
        return List.of(
                Route.get("/api/incidents/{id}/plan", INCIDENT_READ, request -> {
                    request.allowQuery();
                    UUID id = incidentId(request);
                    return Reply.ok(SiteRecordRoutes.require(automation).incidentPlans().plan(id)
                            .orElseThrow(() -> noSuchIncident(id.toString())));
                }),
                Route.post("/api/incidents/{id}/plan/steps/{position}/outcomes", INCIDENT_ACT,
                        request -> record(SiteRecordRoutes.require(automation), audit, request)),
                Route.post("/api/incidents/{id}/plan/steps/{position}:notify", INCIDENT_ACT,
                        request -> notify(SiteRecordRoutes.require(automation), audit, request)));
    }

    private static Reply put(Automation a, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        String planId = request.pathParam("id");
        if (!PlanRules.PLAN_ID.matcher(planId).matches()) {
            throw ApiException.notFound("no plan " + planId + " can exist: plan ids are 1-64 of a-z, 0-9, '_', '-'");
        }
        PlanInput body = request.body(PlanInput.class);
        ActionPlan plan;
        try {
            List<ActionPlan.Step> steps = new ArrayList<>();
            for (StepInput step : body.steps() == null ? List.<StepInput>of() : body.steps()) {
                if (step == null || step.mandatory() == null) {
                    throw new InvalidRecord("steps[" + steps.size() + "].mandatory", "is required (true or false)");
                }
                steps.add(new ActionPlan.Step(steps.size() + 1, step.type(), step.instruction(), step.mandatory(),
                        step.params()));
            }
            plan = PlanRules.check(planId, body.category(), body.siteId(), body.name(), steps);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        PlanStore.Stored stored = a.plans().put(plan, request.principal().name(), a.clock().instant());
        if (stored instanceof PlanStore.Stored.NoSuchSite) {
            throw ApiException.badRequest("siteId: no site " + plan.siteId());
        }
        if (stored instanceof PlanStore.Stored.Taken taken) {
            throw ApiException.conflict(taken.reason());
        }
        ActionPlan done = ((PlanStore.Stored.Done) stored).plan();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("plan_id", done.id());
        details.put("category", done.category());
        details.put("steps", done.steps().size());
        io.vigil.audit.AuditEntry entry = ApiAudit.entry(AuditKind.PLAN_CHANGED, request, details);
        audit.record(done.siteId() == null ? entry : entry.site(done.siteId()));
        return Reply.ok(done);
    }

    private static Reply record(Automation a, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        UUID id = incidentId(request);
        int position = position(request);
        OutcomeBody body = request.body(OutcomeBody.class);
        IncidentPlans.Recorded recorded = a.incidentPlans().record(id, position, null,
                new IncidentPlans.NewOutcome(body.outcome(), body.contact(), body.reference(), body.note()),
                request.principal().name(), IncidentPlans.Source.OPERATOR);
        return recorded(recorded, id, position, request, audit);
    }

    private static Reply notify(Automation a, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        UUID id = incidentId(request);
        int position = position(request);
        request.optionalBody(NotifyBody.class);
        PlanNotifier.Notified notified = a.notifier().notify(id, position, request.principal().name());
        if (notified instanceof PlanNotifier.Notified.NotFound) {
            throw noSuchIncident(id.toString());
        }
        if (notified instanceof PlanNotifier.Notified.Refused refused) {
            throw ApiException.conflict(refused.reason());
        }
        if (notified instanceof PlanNotifier.Notified.NoMailer) {
            throw new IncidentConsole.Unavailable("no SMTP server is configured (vigil.automation.smtp.host)", null);
        }
        IncidentPlan plan = notified instanceof PlanNotifier.Notified.Sent sent ? sent.plan()
                : ((PlanNotifier.Notified.Failed) notified).plan();
        IncidentPlan.StepState step = plan.step(position);
        auditStep(audit, request, plan, step, step.outcomes().get(step.outcomes().size() - 1));
        return Reply.ok(plan);
    }

    private static Reply recorded(IncidentPlans.Recorded recorded, UUID id, int position, ApiRequest request,
                                  ApiAudit audit) {
        if (recorded instanceof IncidentPlans.Recorded.NotFound) {
            throw noSuchIncident(id.toString());
        }
        if (recorded instanceof IncidentPlans.Recorded.Refused refused) {
            throw ApiException.badRequest(refused.reason());
        }
        IncidentPlans.Recorded.Done done = (IncidentPlans.Recorded.Done) recorded;
        IncidentPlan.StepState step = done.step();
        auditStep(audit, request, done.plan(), step, step.outcomes().get(step.outcomes().size() - 1));
        return Reply.ok(done.plan());
    }

    private static void auditStep(ApiAudit audit, ApiRequest request, IncidentPlan plan, IncidentPlan.StepState step,
                                  IncidentPlan.Outcome outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("position", step.position());
        details.put("step_type", step.type());
        details.put("outcome", outcome.outcome());
        details.put("contact", outcome.contact());
        details.put("reference", outcome.reference());
        details.put("note", outcome.note());
        audit.record(ApiAudit.entry(AuditKind.PLAN_STEP_RECORDED, request, details).site(plan.siteId())
                .incident(plan.incidentId()).reason(outcome.outcome()));
    }

    private static int position(ApiRequest request) {
        String text = request.pathParam("position");
        if (!text.matches("[1-9][0-9]{0,2}")) {
            throw ApiException.notFound("no step " + text);
        }
        return Integer.parseInt(text);
    }

    static UUID incidentId(ApiRequest request) {
        String id = request.pathParam("id");
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw noSuchIncident(id);
        }
    }

    private static ApiException noSuchIncident(String id) {
        return ApiException.notFound("no incident " + id);
    }
}
