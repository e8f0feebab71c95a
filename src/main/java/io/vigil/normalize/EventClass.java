package io.vigil.normalize;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What kind of thing happened; decides the topic (see {@link EventTopics}). */
public enum EventClass {
    ALARM, RESTORE, TROUBLE, SUPERVISORY, TEST, OPEN, CLOSE, BYPASS, SENSOR, LOCATION, HEARTBEAT, SECURITY, STATUS;

    private static final Map<String, EventClass> BY_WIRE_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(EventClass::wireName, Function.identity()));

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The class with this wire name, or null. */
    public static EventClass fromWireName(String name) {
        return name == null ? null : BY_WIRE_NAME.get(name);
    }
}
