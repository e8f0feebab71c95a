package io.vigil.ingest;

/**
 * Kafka record headers of {@code signals.accepted} and {@code quarantine} (docs/topics.md). All
 * values are ASCII text; the envelope parser admits only safe alphabets into the claims used here.
 */
public final class SignalHeaders {

    public static final String SITE = "vigil_site";
    public static final String DEVICE = "vigil_device";
    public static final String KEY_ID = "vigil_kid";
    public static final String ALG = "vigil_alg";
    public static final String SEQ = "vigil_seq";
    public static final String MESSAGE_ID = "vigil_mid";
    public static final String ISSUED_AT = "vigil_iat";
    public static final String CONTENT_TYPE = "vigil_ct";
    public static final String ENCODING = "vigil_encoding";
    /** The site's trust profile's assurance: signed, dc09-aes, owntracks-secret, transport (docs/envelope.md). */
    public static final String ASSURANCE = "vigil_assurance";
    public static final String RECEIVED_AT = "vigil_received_at";
    public static final String REDELIVERED = "vigil_redelivered";
    public static final String REASON = "vigil_reason";
    public static final String STAGE = "vigil_stage";

    private SignalHeaders() {}
}
