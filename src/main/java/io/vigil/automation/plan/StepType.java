package io.vigil.automation.plan;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of action-plan steps (docs/automation.md, "Step types"): the outcomes each may record
 * and which of them complete it. Every type also takes {@code skipped} and {@code cancelled}, which
 * complete nothing: a mandatory step stays open.
 */
public enum StepType {
    INSTRUCTION(Set.of("done"), Set.of("done")),
    CALL_LIST(Set.of("no_answer", "message_left", "answered", "list_exhausted"), Set.of("answered", "list_exhausted")),
    VERIFY_PASSWORD(Set.of("password_verified", "password_wrong", "duress_given"),
            Set.of("password_verified", "password_wrong", "duress_given")),
    DISPATCH(Set.of("dispatched", "cancelled_by_keyholder"), Set.of("dispatched", "cancelled_by_keyholder")),
    NOTIFY_EMAIL(Set.of("email_sent", "email_failed"), Set.of("email_sent")),
    WAIT_RESTORE(Set.of("restored", "not_restored"), Set.of("restored", "not_restored"));

    /** Outcomes every type takes; they complete nothing. */
    public static Set<String> anyType() {
        return Set.of("skipped", "cancelled");
    }

    private final Set<String> outcomes;
    private final Set<String> completing;

    StepType(Set<String> own, Set<String> completing) {
        Set<String> all = new LinkedHashSet<>(own);
        all.addAll(Set.of("skipped", "cancelled"));
        this.outcomes = Set.copyOf(all);
        this.completing = completing;
    }

    public boolean allows(String outcome) {
        return outcomes.contains(outcome);
    }

    public boolean completes(String outcome) {
        return completing.contains(outcome);
    }

    public Set<String> outcomes() {
        return outcomes;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepType parse(String text) {
        for (StepType type : values()) {
            if (type.wireName().equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("step type must be one of instruction, call_list, verify_password,"
                + " dispatch, notify_email, wait_restore");
    }
}
