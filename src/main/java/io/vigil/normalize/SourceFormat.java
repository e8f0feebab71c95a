package io.vigil.normalize;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The signal format an event was decoded from. */
public enum SourceFormat {
    CID, SIA, DC09, VENDOR, SENSOR, OWNTRACKS, HEARTBEAT,
    /** Raised by Vigil itself, e.g. a burst of rejected messages from a site. */
    RECEIVER;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
