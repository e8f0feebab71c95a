package io.vigil.normalize;

/**
 * Thrown inside a parser when the input breaks the grammar, and caught at the decoder boundary.
 * Stackless: malformed input is routine, not a bug, and must stay cheap at line rate.
 */
public final class MalformedSignalException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reasonCode;

    public MalformedSignalException(String reasonCode, String detail) {
        super(detail, null, false, false);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
