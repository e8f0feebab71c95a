package io.vigil.normalize.sia;

import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;

/** One row of the SIA DC-03 table (sia-codes.csv). */
record SiaCode(String code, EventClass eventClass, Qualifier qualifier, EventCategory category, int priority,
               Unit unit, String description) {

    /** What the number after the code addresses. */
    enum Unit { ZONE, USER, AREA, NONE }
}
