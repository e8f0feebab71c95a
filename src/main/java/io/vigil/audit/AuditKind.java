package io.vigil.audit;

import java.util.regex.Pattern;

/**
 * The kinds of audit rows Vigil writes. A kind is dotted lower case ({@code signal.accepted}); new
 * kinds need no schema change, only a name that matches {@link #isValid}.
 */
public final class AuditKind {

    public static final String SIGNAL_ACCEPTED = "signal.accepted";
    public static final String SIGNAL_QUARANTINED = "signal.quarantined";
    public static final String INCIDENT_OPENED = "incident.opened";
    public static final String INCIDENT_CHANGED = "incident.changed";
    public static final String INCIDENT_CLOSED = "incident.closed";
    public static final String OPERATOR_ACTION = "operator.action";
    public static final String SITE_ENROLLED = "site.enrolled";
    public static final String SITE_DISABLED = "site.disabled";
    /** A site's mTLS client certificate(s) added to the device CA's CRL. */
    public static final String SITE_CERT_REVOKED = "site.cert_revoked";
    public static final String KEY_ADDED = "key.added";
    public static final String KEY_ROTATED = "key.rotated";
    public static final String KEY_REVOKED = "key.revoked";
    public static final String TOKEN_CREATED = "token.created";
    public static final String TOKEN_REVOKED = "token.revoked";
    /** An authenticated caller tried a state-changing API call its role does not allow. */
    public static final String API_DENIED = "api.denied";
    /** A client address was refused for too many failed authentications (once per client and window). */
    public static final String API_AUTH_LIMITED = "api.auth_limited";

    /** A site's records replaced through the API (docs/automation.md). */
    public static final String SITE_RECORDS_CHANGED = "site.records_changed";
    /** Site records imported from CSV by the CLI. */
    public static final String SITE_RECORDS_IMPORTED = "site.records_imported";
    /** A verbal password checked (never the password: whether it matched, whose, and whether under duress). */
    public static final String SITE_PASSWORD_CHECKED = "site.password_checked";
    public static final String SITE_SCHEDULE_CHANGED = "site.schedule_changed";
    public static final String SITE_TEST_INTERVAL_CHANGED = "site.test_interval_changed";
    /** A site or some of its zones put on test (its signals open no incident) for a bounded time. */
    public static final String SITE_ON_TEST_STARTED = "site.on_test_started";
    public static final String SITE_ON_TEST_ENDED = "site.on_test_ended";
    /** A disaster mode started: less urgent incidents of the centre or a region held out of the queue. */
    public static final String DISASTER_STARTED = "disaster.started";
    /** A disaster mode ended: its held incidents are back in the queue. */
    public static final String DISASTER_ENDED = "disaster.ended";
    public static final String PLAN_CHANGED = "plan.changed";
    /** An outcome recorded on a step of an incident's action plan. */
    public static final String PLAN_STEP_RECORDED = "plan.step_recorded";

    /** Operator console (docs/console.md): sign-in, failed sign-in, lock-out, sign-out. */
    public static final String CONSOLE_SIGNED_IN = "console.signed_in";
    public static final String CONSOLE_SIGN_IN_FAILED = "console.sign_in_failed";
    public static final String CONSOLE_LOCKED = "console.locked";
    public static final String CONSOLE_SIGNED_OUT = "console.signed_out";
    /** Operator accounts made and changed with {@code vigil operator ...}. */
    public static final String OPERATOR_ADDED = "operator.added";
    public static final String OPERATOR_PASSWORD_RESET = "operator.password_reset";
    public static final String OPERATOR_DISABLED = "operator.disabled";

    // the same rule as the CHECK constraint of audit_log.kind
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private AuditKind() {}

    public static boolean isValid(String kind) {
        return kind != null && VALID.matcher(kind).matches();
    }
}
