package io.vigil.automation.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The plan an incident is worked with, each step with its outcomes so far (docs/automation.md,
 * "IncidentPlan"). {@code planId} null: no plan applies, nothing is mandatory.
 */
public record IncidentPlan(String incidentId, String siteId, String category, String planId, String planName,
                           Instant attachedAt, List<StepState> steps, List<Integer> openMandatorySteps,
                           boolean duressGiven) {

    public record StepState(int position, String type, String instruction, boolean mandatory, Map<String, Object> params,
                            boolean completed, List<Outcome> outcomes) {}

    public record Outcome(String outcome, Integer contact, String reference, String note, String operatorId,
                          Instant recordedAt) {}

    public StepState step(int position) {
        return steps.stream().filter(s -> s.position() == position).findFirst().orElse(null);
    }
}
