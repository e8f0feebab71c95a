package io.vigil.ingest;

import io.vigil.trust.envelope.Claims;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;

/** Reads the message id and claims of an envelope a test built. */
final class EnvelopeIds {

    private EnvelopeIds() {}

    static String messageId(byte[] envelope) {
        return claims(envelope).messageId();
    }

    static Claims claims(byte[] envelope) {
        try {
            return EnvelopeParser.parse(envelope).claims();
        } catch (MalformedEnvelopeException e) {
            throw new AssertionError(e);
        }
    }
}
