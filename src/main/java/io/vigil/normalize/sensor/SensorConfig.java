package io.vigil.normalize.sensor;

import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import java.util.List;

/** Sensor threshold rules. {@link #defaults()} is what Vigil applies unless configured otherwise. */
public record SensorConfig(List<ThresholdRule> rules) {

    public SensorConfig {
        rules = List.copyOf(rules);
    }

    public static SensorConfig defaults() {
        return new SensorConfig(List.of(
                ThresholdRule.above("temperature_high", "temperature", 60, 55, EventClass.ALARM, EventCategory.FIRE, 1,
                        "High temperature"),
                ThresholdRule.below("temperature_low", "temperature", 3, 5, EventClass.ALARM,
                        EventCategory.ENVIRONMENTAL, 3, "Low temperature (freeze risk)"),
                ThresholdRule.above("humidity_high", "humidity", 90, 85, EventClass.TROUBLE,
                        EventCategory.ENVIRONMENTAL, 4, "High humidity"),
                ThresholdRule.below("battery_low", "battery", 15, 20, EventClass.TROUBLE, EventCategory.LOW_BATTERY, 3,
                        "Low battery"),
                ThresholdRule.above("co_high", "co", 50, 35, EventClass.ALARM, EventCategory.GAS, 1,
                        "Carbon monoxide"),
                ThresholdRule.flag("tamper", "tamper", EventClass.ALARM, EventCategory.TAMPER, 2, "Sensor tamper"),
                ThresholdRule.flag("water_leak", "water_leak", EventClass.ALARM, EventCategory.WATER, 2, "Water leak"),
                ThresholdRule.flag("smoke", "smoke", EventClass.ALARM, EventCategory.FIRE, 1, "Smoke detected")));
    }
}
