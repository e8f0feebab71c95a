package io.vigil.escalation.policy;

import java.time.Duration;
import java.util.List;

/**
 * Reminders and tiers (docs/automation.md, "Reminders and tiers"): an acknowledged incident not yet
 * resolved tells tier after tier, each a time after its acknowledgement that depends on its
 * priority. {@code tiers} name who is told: {@code operator} is whoever acknowledged it, any other
 * name a group (e.g. {@code supervisors}).
 *
 * @param after per priority 1..5 (index 0 = priority 1), one increasing time per tier
 */
public record ReminderPolicy(List<String> tiers, List<List<Duration>> after) {

    public static final ReminderPolicy NONE = new ReminderPolicy(List.of(), List.of(List.of(), List.of(), List.of(),
            List.of(), List.of()));

    public ReminderPolicy {
        tiers = List.copyOf(tiers);
        after = after.stream().map(List::copyOf).toList();
    }

    /** The time after acknowledgement at which {@code tier} (0-based) of an incident of {@code priority} is told. */
    public Duration after(int priority, int tier) {
        return after.get(priority - 1).get(tier);
    }
}
