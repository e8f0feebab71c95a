package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.INCIDENT_ACT;
import static io.vigil.api.auth.Permission.INCIDENT_CLOSE;
import static io.vigil.api.auth.Permission.INCIDENT_READ;

import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.ApiText;
import io.vigil.api.ApiValues;
import io.vigil.api.IncidentConsole;
import io.vigil.api.IncidentConsole.Action;
import io.vigil.api.IncidentConsole.Outcome;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.audit.AuditKind;
import io.vigil.automation.Automation;
import io.vigil.normalize.EventCategory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incident queue, detail, live stream and the operator's acts. Each act needs a note (1-2000
 * characters, stored verbatim) and is audited as {@code operator.action} with the caller as actor
 * before it is answered.
 */
public final class IncidentRoutes {

    public static final int MAX_NOTE = 2000;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** The body of every act and of a note. */
    public record NoteBody(String note) {}

    /**
     * The body of a close: {@code overrideReason} closes an incident whose action plan still has open
     * mandatory steps (docs/automation.md, "The close rule"); it is refused where nothing is open.
     */
    public record CloseBody(String note, String overrideReason) {}

    public static final int MAX_OVERRIDE_REASON = 500;

    /** The queue's answer; {@code truncated} when more incidents matched than {@code limit}. */
    public record Queue(List<IncidentConsole.Summary> incidents, int limit, boolean truncated) {}

    private IncidentRoutes() {}

    public static List<Route> routes(IncidentConsole console, Automation automation, ApiAudit audit) {
        return List.of(
                Route.get("/api/incidents", INCIDENT_READ, request -> queue(console, request)),
                Route.get("/api/incidents/stream", INCIDENT_READ, request -> {
                    request.allowQuery();
                    return new Reply.EventStream(request.header("last-event-id"));
                }),
                // heartbeat supervision of the site: what an operator weighs a comms-failure incident against
                Route.get("/api/sites/{id}/supervision", INCIDENT_READ, request -> {
                    request.allowQuery();
                    return Reply.ok(console.supervision(SiteRoutes.siteId(request)));
                }),
                Route.get("/api/incidents/{id}", INCIDENT_READ, request -> {
                    request.allowQuery();
                    String id = incidentId(request);
                    return Reply.ok(console.detail(id).orElseThrow(() -> noSuchIncident(id)));
                }),
                act("/api/incidents/{id}:acknowledge", INCIDENT_ACT, Action.ACKNOWLEDGE, console, audit),
                act("/api/incidents/{id}:claim", INCIDENT_ACT, Action.CLAIM, console, audit),
                act("/api/incidents/{id}:resolve", INCIDENT_ACT, Action.RESOLVE, console, audit),
                Route.post("/api/incidents/{id}:close", INCIDENT_CLOSE, request -> close(console, automation, audit, request)),
                Route.post("/api/incidents/{id}/notes", INCIDENT_ACT, request -> {
                    request.allowQuery();
                    String id = incidentId(request);
                    String note = note(request);
                    Outcome outcome = console.addNote(id, request.principal().name(), note);
                    return answer(outcome, id, "note", note, request, audit);
                }));
    }

    private static Reply queue(IncidentConsole console, ApiRequest request) {
        request.allowQuery("state", "site", "category", "priority", "limit", "held");
        Set<IncidentConsole.State> states = ApiValues.list("state", request.query("state"), IncidentConsole.State::parse);
        String site = ApiText.require("site", request.query("site"), 0, 64);
        Set<String> categories = categories(request);
        Set<Integer> priorities = priorities(request);
        int limit = ApiValues.integer("limit", request.query("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        String heldText = request.query("held");
        if (heldText != null && !heldText.equals("true") && !heldText.equals("false")) {
            throw ApiException.badRequest("held is true or false");
        }
        // one more than asked tells whether the queue holds more
        List<IncidentConsole.Summary> found = console.queue(
                new IncidentConsole.QueueFilter(states, site, categories, priorities, limit + 1, "true".equals(heldText)));
        boolean truncated = found.size() > limit;
        return Reply.ok(new Queue(truncated ? List.copyOf(found.subList(0, limit)) : found, limit, truncated));
    }

    /** The {@code category} query parameter: comma-separated wire names of docs/events.md. */
    static Set<String> categories(ApiRequest request) {
        return ApiValues.list("category", request.query("category"), name -> {
            if (EventCategory.fromWireName(name) == null) {
                throw new IllegalArgumentException("unknown category (see docs/events.md, \"Categories\")");
            }
            return name;
        });
    }

    /** The {@code priority} query parameter: comma-separated 1-5. */
    static Set<Integer> priorities(ApiRequest request) {
        return ApiValues.list("priority", request.query("priority"), p -> ApiValues.integer("priority", p, 0, 1, 5));
    }

    private static Route act(String path, io.vigil.api.auth.Permission permission, Action action,
                             IncidentConsole console, ApiAudit audit) {
        return Route.post(path, permission, request -> {
            request.allowQuery();
            String id = incidentId(request);
            String note = note(request);
            Outcome outcome = console.act(id, action, request.principal().name(), note);
            return answer(outcome, id, action.wireName(), note, request, audit);
        });
    }

    private static Reply close(IncidentConsole console, Automation automation, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        String id = incidentId(request);
        CloseBody body = request.body(CloseBody.class);
        String note = ApiText.require("note", body.note(), 1, MAX_NOTE);
        String overrideReason = ApiText.require("overrideReason", body.overrideReason(), 0, MAX_OVERRIDE_REASON);
        if (overrideReason != null && overrideReason.isBlank()) {
            throw ApiException.badRequest("overrideReason must not be blank");
        }
        List<Integer> open = openMandatorySteps(automation, id);
        if (!open.isEmpty() && overrideReason == null) {
            throw ApiException.conflict("the incident's action plan has open mandatory steps " + open
                    + "; a supervisor may close it with an overrideReason");
        }
        if (open.isEmpty() && overrideReason != null) {
            throw ApiException.badRequest("overrideReason: no mandatory step is open, there is nothing to override");
        }
        Outcome outcome = console.act(id, Action.CLOSE, request.principal().name(), note);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (overrideReason != null) {
            extra.put("override_reason", overrideReason);
            extra.put("open_steps", open);
        }
        return answer(outcome, id, Action.CLOSE.wireName(), note, extra, request, audit);
    }

    /** Mandatory plan steps still open; none where the incident has no plan or is not the escalation stage's. */
    private static List<Integer> openMandatorySteps(Automation automation, String id) {
        if (automation == null) {
            return List.of();
        }
        try {
            return automation.incidentPlans().openMandatorySteps(java.util.UUID.fromString(id)).orElse(List.of());
        } catch (IllegalArgumentException notAUuid) {
            return List.of();
        }
    }

    private static Reply answer(Outcome outcome, String id, String act, String note, ApiRequest request, ApiAudit audit) {
        return answer(outcome, id, act, note, Map.of(), request, audit);
    }

    private static Reply answer(Outcome outcome, String id, String act, String note, Map<String, Object> extra,
                                ApiRequest request, ApiAudit audit) {
        if (outcome instanceof Outcome.NotFound) {
            throw noSuchIncident(id);
        }
        if (outcome instanceof Outcome.Refused refused) {
            throw ApiException.conflict(refused.reason());
        }
        IncidentConsole.Summary incident = ((Outcome.Done) outcome).incident();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", act);
        details.put("note", note);
        details.put("state", incident.state().wireName());
        details.putAll(extra);
        audit.record(ApiAudit.entry(AuditKind.OPERATOR_ACTION, request, details)
                .incident(id).site(incident.siteId()).reason(act));
        return Reply.ok(incident);
    }

    private static String incidentId(ApiRequest request) {
        String id = request.pathParam("id");
        if (!IncidentConsole.ID.matcher(id).matches()) {
            throw noSuchIncident(id);
        }
        return id;
    }

    private static String note(ApiRequest request) {
        NoteBody body = request.body(NoteBody.class);
        return ApiText.require("note", body.note(), 1, MAX_NOTE);
    }

    private static ApiException noSuchIncident(String id) {
        return ApiException.notFound("no incident " + id);
    }
}
