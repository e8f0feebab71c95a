package io.vigil.automation.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A plan of steps for incidents of one category: the centre's ({@code siteId} null) or one site's
 * override (docs/automation.md, "Action plans"). The shape is the API's and the incident's snapshot.
 */
public record ActionPlan(String id, String category, String siteId, String name, List<Step> steps, Instant updatedAt,
                         String updatedBy) {

    public ActionPlan {
        steps = List.copyOf(steps);
    }

    /** One step; {@code type} is a {@link StepType} wire name, {@code params} as the type defines them. */
    public record Step(int position, String type, String instruction, boolean mandatory, Map<String, Object> params) {
        public Step {
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        public StepType stepType() {
            return StepType.parse(type);
        }
    }
}
