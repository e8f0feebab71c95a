package io.vigil.escalation.policy;

import java.util.Locale;

/** What a restore (the condition ended) does to the open incident of its site and category. */
public enum RestorePolicy {
    /** The restore is attached and recorded; an operator must resolve and close. */
    OPERATOR,
    /** The incident is resolved by the system; an operator still closes it. */
    AUTO_RESOLVE,
    /** The incident is resolved and closed by the system. */
    AUTO_CLOSE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RestorePolicy fromWireName(String name) {
        for (RestorePolicy policy : values()) {
            if (policy.wireName().equals(name)) {
                return policy;
            }
        }
        return null;
    }
}
