package io.vigil.trust;

/**
 * Why the trust gate refused a message. The codes are a stable contract (docs/envelope.md): they
 * name the quarantine reason, the metric and the security alert histogram. The order of the
 * constants is the order of the checks.
 */
public enum RejectReason {
    OVERSIZE("oversize", false),
    MALFORMED("malformed", false),
    BAD_TOPIC("bad_topic", false),
    UNKNOWN_SITE("unknown_site", false),
    SITE_MISMATCH("site_mismatch", false),
    UNKNOWN_KEY("unknown_key", false),
    KEY_NOT_VALID("key_not_valid", false),
    KEY_REVOKED("key_revoked", false),
    ALG_MISMATCH("alg_mismatch", false),
    BAD_SIGNATURE("bad_signature", false),
    /** dc09-aes / owntracks-secret: no usable key of the site decrypts the payload (wrong key, bad pad, failed MAC). */
    DECRYPT_FAILED("decrypt_failed", false),
    STALE("stale", false),
    FUTURE("future", false),
    REPLAY("replay", false),
    /** DC-09 port only: a plain frame for an account enrolled for encrypted frames only (docs/dc09.md). */
    PLAIN_NOT_ALLOWED("plain_not_allowed", false),
    /** The key registry could not be reached when a reload was needed, or the replay memory is full. */
    UNAVAILABLE("unavailable", true),
    /** A bug: the gate caught an unexpected exception rather than letting it escape. */
    INTERNAL_ERROR("internal_error", false);

    private final String code;
    private final boolean retriable;

    RejectReason(String code, boolean retriable) {
        this.code = code;
        this.retriable = retriable;
    }

    public String code() {
        return code;
    }

    /**
     * True when the same bytes may well be accepted later (a passing condition of this receiver, not
     * of the message): the ingest may leave such a message unacknowledged for redelivery instead of
     * quarantining it. Every other reason is permanent for these bytes.
     */
    public boolean retriable() {
        return retriable;
    }
}
