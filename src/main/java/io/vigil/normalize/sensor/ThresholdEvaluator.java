package io.vigil.normalize.sensor;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the threshold rules to one set of readings and returns an alarm (or trouble) draft for each
 * condition that became active and a restore draft for each that cleared. Unknown previous state
 * counts as "not active": after a restart an out-of-range value is raised again, an in-range value
 * is silent. A reading older than the one that last decided a condition does not change it.
 */
public final class ThresholdEvaluator {
    private static final int RESTORE_PRIORITY = 4;

    private final SensorConfig config;
    private final ThresholdStateStore store;

    public ThresholdEvaluator(SensorConfig config, ThresholdStateStore store) {
        this.config = config;
        this.store = store;
    }

    List<EventDraft> evaluate(String siteId, String deviceId, Map<String, Object> readings, Instant observedAt) {
        List<EventDraft> drafts = new ArrayList<>(0);
        for (ThresholdRule rule : config.rules()) {
            Double value = numeric(readings.get(rule.metric()), rule.direction());
            if (value == null) {
                continue;
            }
            boolean[] changed = new boolean[1];
            ThresholdStateStore.State after = store.update(key(siteId, deviceId, rule.id()), before -> {
                if (before != null && observedAt.isBefore(before.observedAt())) {
                    return before;
                }
                boolean wasActive = before != null && before.active();
                boolean active = rule.activeAfter(wasActive, value);
                changed[0] = active != wasActive;
                return new ThresholdStateStore.State(active, observedAt);
            });
            if (changed[0]) {
                drafts.add(draft(rule, after.active(), value, readings));
            }
        }
        return drafts;
    }

    private static EventDraft draft(ThresholdRule rule, boolean raised, double value, Map<String, Object> readings) {
        Double threshold = rule.direction() == ThresholdRule.Direction.FLAG ? null
                : raised ? rule.raiseAt() : rule.clearAt();
        EventClass eventClass = raised ? rule.raiseClass() : EventClass.RESTORE;
        int priority = raised ? rule.priority() : RESTORE_PRIORITY;
        String description = raised ? rule.description() : rule.description() + " restore";
        return new EventDraft(SourceFormat.SENSOR, eventClass, rule.category(), priority, description)
                .code(rule.id(), true)
                .qualifier(raised ? Qualifier.EVENT : Qualifier.RESTORE)
                .sensor(new CanonicalEvent.SensorData(readings, rule.metric(), value, threshold));
    }

    private static Double numeric(Object reading, ThresholdRule.Direction direction) {
        if (direction == ThresholdRule.Direction.FLAG) {
            return reading instanceof Boolean flag ? (flag ? 1.0 : 0.0) : null;
        }
        return reading instanceof Number number ? number.doubleValue() : null;
    }

    /** Length-prefixed so that no two (site, device, rule) triples share a key. */
    private static String key(String siteId, String deviceId, String ruleId) {
        return siteId.length() + ":" + siteId + deviceId.length() + ":" + deviceId + ruleId;
    }
}
