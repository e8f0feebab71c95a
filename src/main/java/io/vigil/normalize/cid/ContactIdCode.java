package io.vigil.normalize.cid;

import io.vigil.normalize.EventCategory;

/** One row of the Contact ID table (contact-id-codes.csv). */
record ContactIdCode(String code, BaseClass baseClass, EventCategory category, int priority, Unit unit,
                     String description) {

    /** The class of a qualifier-1 signal; qualifiers 3 and 6 derive from it (see {@link ContactIdClassifier}). */
    enum BaseClass { ALARM, TROUBLE, SUPERVISORY, SECURITY, BYPASS, TEST, STATUS, OPEN_CLOSE }

    /** What the three-digit CCC field holds for this code. */
    enum Unit { ZONE, USER }
}
