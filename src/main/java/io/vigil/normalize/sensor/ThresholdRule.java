package io.vigil.normalize.sensor;

import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import java.util.Objects;

/**
 * One threshold on one sensor metric, with hysteresis: the condition is raised when the value
 * reaches {@code raiseAt} and cleared only once it is back past {@code clearAt}. FLAG rules watch a
 * boolean reading (true raises, false clears) and ignore both numbers.
 */
public record ThresholdRule(String id, String metric, Direction direction, double raiseAt, double clearAt,
                            EventClass raiseClass, EventCategory category, int priority, String description) {

    public enum Direction { ABOVE, BELOW, FLAG }

    public ThresholdRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(raiseClass, "raiseClass");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        if (direction == Direction.ABOVE && clearAt > raiseAt) {
            throw new IllegalArgumentException(id + ": an ABOVE rule clears at or below its raise value");
        }
        if (direction == Direction.BELOW && clearAt < raiseAt) {
            throw new IllegalArgumentException(id + ": a BELOW rule clears at or above its raise value");
        }
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException(id + ": priority must be 1..5");
        }
    }

    public static ThresholdRule above(String id, String metric, double raiseAt, double clearAt, EventClass raiseClass,
                                      EventCategory category, int priority, String description) {
        return new ThresholdRule(id, metric, Direction.ABOVE, raiseAt, clearAt, raiseClass, category, priority, description);
    }

    public static ThresholdRule below(String id, String metric, double raiseAt, double clearAt, EventClass raiseClass,
                                      EventCategory category, int priority, String description) {
        return new ThresholdRule(id, metric, Direction.BELOW, raiseAt, clearAt, raiseClass, category, priority, description);
    }

    public static ThresholdRule flag(String id, String metric, EventClass raiseClass, EventCategory category,
                                     int priority, String description) {
        return new ThresholdRule(id, metric, Direction.FLAG, 1, 1, raiseClass, category, priority, description);
    }

    /** Whether the condition is active after seeing {@code value}, given whether it was active before. */
    boolean activeAfter(boolean wasActive, double value) {
        return switch (direction) {
            case ABOVE -> wasActive ? value >= clearAt : value >= raiseAt;
            case BELOW -> wasActive ? value <= clearAt : value <= raiseAt;
            case FLAG -> value != 0;
        };
    }
}
