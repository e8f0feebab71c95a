package io.vigil.automation.plan;

import io.vigil.automation.site.InvalidRecord;
import io.vigil.automation.site.RecordRules;
import io.vigil.normalize.EventCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a stored plan must be (docs/automation.md, "Action plans"); failures name the field. */
public final class PlanRules {

    public static final Pattern PLAN_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final int MAX_STEPS = 50;

    private PlanRules() {}

    /** The plan as it will be stored: steps numbered 1..n in the order given. */
    public static ActionPlan check(String id, String category, String siteId, String name, List<ActionPlan.Step> steps) {
        if (id == null || !PLAN_ID.matcher(id).matches()) {
            throw new InvalidRecord("id", "is 1-64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        if (category == null || EventCategory.fromWireName(category) == null) {
            throw new InvalidRecord("category", "is not an event category (docs/events.md, \"Categories\")");
        }
        if (siteId != null && !io.vigil.pki.DevPki.SITE_ID.matcher(siteId).matches()) {
            throw new InvalidRecord("siteId", "is not a site id");
        }
        String checkedName = RecordRules.text("name", name, 1, 200);
        if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw new InvalidRecord("steps", "a plan has 1-" + MAX_STEPS + " steps");
        }
        List<ActionPlan.Step> numbered = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ActionPlan.Step step = steps.get(i);
            String field = "steps[" + i + "]";
            StepType type;
            try {
                type = StepType.parse(step.type());
            } catch (IllegalArgumentException e) {
                throw new InvalidRecord(field + ".type", e.getMessage());
            }
            String instruction = RecordRules.text(field + ".instruction", step.instruction(), 1, 2000);
            params(field + ".params", type, step.params());
            numbered.add(new ActionPlan.Step(i + 1, type.wireName(), instruction, step.mandatory(), step.params()));
        }
        return new ActionPlan(id, category, siteId, checkedName, numbered, null, null);
    }

    private static void params(String field, StepType type, Map<String, Object> params) {
        for (Map.Entry<String, Object> param : params.entrySet()) {
            String key = param.getKey();
            Object value = param.getValue();
            boolean known = switch (type) {
                case CALL_LIST -> key.equals("roles");
                case NOTIFY_EMAIL -> key.equals("roles") || key.equals("subject");
                case DISPATCH -> key.equals("agency");
                default -> false;
            };
            if (!known) {
                throw new InvalidRecord(field, "a " + type.wireName() + " step takes no parameter " + io.vigil.support.LogSafe.quote(key));
            }
            if (key.equals("roles")) {
                if (!(value instanceof List<?> roles) || roles.isEmpty()
                        || !roles.stream().allMatch(r -> r instanceof String s && RecordRules.CONTACT_ROLES.contains(s))) {
                    throw new InvalidRecord(field + ".roles", "is a list of keyholder, contact, manager");
                }
            } else if (key.equals("agency")) {
                if (!(value instanceof String kind) || !RecordRules.AGENCY_KINDS.contains(kind)) {
                    throw new InvalidRecord(field + ".agency", "is one of police, fire, ambulance, guard, other");
                }
            } else if (!(value instanceof String subject) || subject.isBlank() || subject.length() > 120
                    || subject.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new InvalidRecord(field + ".subject", "is 1-120 characters on one line");
            }
        }
    }
}
