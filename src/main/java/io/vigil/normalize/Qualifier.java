package io.vigil.normalize;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a signal reports a new condition, the end of one, or one still present
 * (Contact ID qualifiers 1, 3 and 6; derived from the code for the other formats).
 */
public enum Qualifier {
    EVENT, RESTORE, STATUS;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The qualifier with this wire name, or null. */
    public static Qualifier fromWireName(String name) {
        for (Qualifier q : values()) {
            if (q.wireName.equals(name)) {
                return q;
            }
        }
        return null;
    }
}
