package io.vigil.trust.envelope;

/**
 * The bytes are not a well-formed Vigil envelope. Thrown on the hot path for hostile input, so it
 * carries no stack trace: the detail says what was wrong, and holds no site text unescaped.
 */
public final class MalformedEnvelopeException extends Exception {
    public MalformedEnvelopeException(String detail) {
        super(detail, null, false, false);
    }
}
