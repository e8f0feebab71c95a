package io.vigil.ingest;

import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;

/** Reads the message id of an envelope a test built. */
final class EnvelopeIds {

    private EnvelopeIds() {}

    static String messageId(byte[] envelope) {
        try {
            return EnvelopeParser.parse(envelope).claims().messageId();
        } catch (MalformedEnvelopeException e) {
            throw new AssertionError(e);
        }
    }
}
