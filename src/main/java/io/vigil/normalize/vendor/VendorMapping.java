package io.vigil.normalize.vendor;

import com.fasterxml.jackson.core.JsonPointer;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;
import java.util.Map;

/**
 * A compiled vendor mapping (format: docs/events.md "Vendor mapping files"): where the events are,
 * which JSON Pointer gives each canonical field (per event, or once per document), and what each
 * vendor code means.
 */
public record VendorMapping(String name, String description, JsonPointer events,
                            Map<Field, JsonPointer> documentFields, Map<Field, JsonPointer> eventFields,
                            TimeUnit occurredAtUnit, Map<String, CodeMeaning> codes, CodeMeaning unknownCode) {

    /** The canonical fields a mapping can fill. */
    public enum Field { ACCOUNT, CODE, ZONE, AREA, USER, OCCURRED_AT, TEXT }

    /** How a numeric occurred_at is counted. */
    public enum TimeUnit { SECONDS, MILLIS }

    /** What a vendor code means in canonical terms. */
    public record CodeMeaning(EventClass eventClass, EventCategory category, int priority, String description,
                              Qualifier qualifier) {}
}
