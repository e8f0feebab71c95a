package io.vigil.console;

import io.vigil.api.auth.Role;

/** What became of a sign-in attempt; the operator is told only "not accepted", the audit trail why. */
public sealed interface SignIn {

    record Accepted(String operator, Role role, boolean totp) implements SignIn {}

    /**
     * @param operator  the attempted name when it is a well-formed account name, else null
     * @param lockedNow this failure started a lock-out
     */
    record Refused(String operator, Reason reason, boolean lockedNow) implements SignIn {}

    enum Reason {
        UNKNOWN, PASSWORD, TOTP, DISABLED, LOCKED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
