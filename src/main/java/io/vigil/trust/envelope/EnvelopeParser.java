package io.vigil.trust.envelope;

/**
 * Tells the two encodings apart by their first byte and parses either: {@code e} (base64url of
 * <code>{"</code>) starts a JWS, {@code 0xD2} (CBOR tag 18) a COSE_Sign1. Anything else is malformed.
 * Thread-safe and stateless; never throws anything but {@link MalformedEnvelopeException} for
 * well-behaved callers (the gate still guards against surprises).
 */
public final class EnvelopeParser {

    private EnvelopeParser() {}

    public static ParsedEnvelope parse(byte[] payload) throws MalformedEnvelopeException {
        if (payload == null || payload.length == 0) {
            throw new MalformedEnvelopeException("empty payload");
        }
        int first = payload[0] & 0xff;
        if (first == 'e') {
            return JwsEnvelopeReader.read(payload);
        }
        if (first == 0xd2) {
            return CoseEnvelopeReader.read(payload);
        }
        throw new MalformedEnvelopeException("neither a JWS compact serialization nor a COSE_Sign1 message");
    }
}
