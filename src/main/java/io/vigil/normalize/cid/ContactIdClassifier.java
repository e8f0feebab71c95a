package io.vigil.normalize.cid;

import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;

/**
 * Turns a parsed Contact ID report into a draft: table lookup plus the qualifier rules.
 * Qualifier 1 keeps the table class (open_close codes become "open"); qualifier 3 ends a condition
 * (alarm, trouble, supervisory, security become "restore"; open_close becomes "close"; bypass, test
 * and status keep their class); qualifier 6 is "status" (still present).
 */
public final class ContactIdClassifier {
    private static final int RESTORE_PRIORITY = 4;

    private ContactIdClassifier() {}

    public static EventDraft classify(ContactIdMessage message, SourceFormat format) {
        ContactIdCode entry = ContactIdCodes.lookup(message.code());
        boolean known = entry != null;
        if (entry == null) {
            entry = unknown(message.code());
        }
        Qualifier qualifier = switch (message.qualifier()) {
            case '3' -> Qualifier.RESTORE;
            case '6' -> Qualifier.STATUS;
            default -> Qualifier.EVENT;
        };
        EventClass eventClass = eventClass(entry.baseClass(), qualifier);
        int priority = eventClass == EventClass.RESTORE ? RESTORE_PRIORITY : entry.priority();
        String description = switch (qualifier) {
            case RESTORE -> eventClass == EventClass.RESTORE ? entry.description() + " restore" : entry.description();
            case STATUS -> entry.description() + " (still present)";
            case EVENT -> entry.description();
        };
        EventDraft draft = new EventDraft(format, eventClass, entry.category(), priority, description)
                .account(message.account())
                .code(message.code(), known)
                .qualifier(qualifier)
                .area(message.group());
        return entry.unit() == ContactIdCode.Unit.USER ? draft.user(message.zoneOrUser()) : draft.zone(message.zoneOrUser());
    }

    private static EventClass eventClass(ContactIdCode.BaseClass base, Qualifier qualifier) {
        if (qualifier == Qualifier.STATUS) {
            return EventClass.STATUS;
        }
        boolean restore = qualifier == Qualifier.RESTORE;
        return switch (base) {
            case ALARM -> restore ? EventClass.RESTORE : EventClass.ALARM;
            case TROUBLE -> restore ? EventClass.RESTORE : EventClass.TROUBLE;
            case SUPERVISORY -> restore ? EventClass.RESTORE : EventClass.SUPERVISORY;
            case SECURITY -> restore ? EventClass.RESTORE : EventClass.SECURITY;
            case OPEN_CLOSE -> restore ? EventClass.CLOSE : EventClass.OPEN;
            case BYPASS -> EventClass.BYPASS;
            case TEST -> EventClass.TEST;
            case STATUS -> EventClass.STATUS;
        };
    }

    /** Unknown codes are kept; the published ranges still tell their kind (1xx alarm, 3xx trouble, ...). */
    private static ContactIdCode unknown(String code) {
        ContactIdCode.BaseClass base;
        int priority;
        switch (code.charAt(0)) {
            case '2' -> { base = ContactIdCode.BaseClass.SUPERVISORY; priority = 3; }
            case '3' -> { base = ContactIdCode.BaseClass.TROUBLE; priority = 3; }
            case '4' -> { base = ContactIdCode.BaseClass.OPEN_CLOSE; priority = 5; }
            case '5' -> { base = ContactIdCode.BaseClass.BYPASS; priority = 4; }
            case '6' -> { base = ContactIdCode.BaseClass.STATUS; priority = 5; }
            case '1' -> { base = ContactIdCode.BaseClass.ALARM; priority = 2; }
            default -> { base = ContactIdCode.BaseClass.ALARM; priority = 3; }
        }
        return new ContactIdCode(code, base, EventCategory.UNKNOWN, priority, ContactIdCode.Unit.ZONE,
                "Unknown Contact ID event " + code);
    }
}
