package io.vigil.normalize;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the event is about (the hazard or subsystem); the list is closed, see docs/events.md. */
public enum EventCategory {
    BURGLARY, FIRE, PANIC, DURESS, HOLDUP, MEDICAL, EMERGENCY, GAS, WATER, ENVIRONMENTAL, TAMPER,
    AC_LOSS, LOW_BATTERY, POWER, COMMS, SUPERVISION, TECHNICAL, ACCESS, ARMING, TEST, SYSTEM, GENERAL,
    TELEMETRY, LOCATION, UNKNOWN,
    /** Schedule exceptions (docs/automation.md): raised by the receiver, never decoded from a panel. */
    LATE_TO_OPEN, FAIL_TO_CLOSE, UNSCHEDULED_OPEN, TEST_MISSED;

    private static final Map<String, EventCategory> BY_WIRE_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(EventCategory::wireName, Function.identity()));

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The category with this wire name, or null. */
    public static EventCategory fromWireName(String name) {
        return name == null ? null : BY_WIRE_NAME.get(name);
    }
}
