package io.vigil.trust.envelope;

import java.time.Instant;

/**
 * The signed claims of an envelope, identical in both encodings (docs/envelope.md). {@code body}
 * is not copied: do not modify it.
 *
 * @param version     {@code v}, always {@link #VERSION}
 * @param seq         {@code seq}: the device's sequence number, 0 .. 2^63-1
 * @param issuedAt    {@code iat}: NumericDate, seconds since the epoch with an optional fraction
 * @param messageId   {@code mid}
 * @param contentType {@code ct}: the media type of {@code body}
 */
public record Claims(int version, String site, String device, long seq, Instant issuedAt, String messageId,
                     String contentType, byte[] body) {

    public static final int VERSION = 1;
    /** 9999-12-31T23:59:59Z: a larger iat is malformed rather than merely from the future. */
    public static final long MAX_IAT_SECONDS = 253_402_300_799L;

    /** Claims for signing, checked like received ones. */
    public static Claims of(String site, String device, long seq, Instant issuedAt, String messageId,
                            String contentType, byte[] body) {
        ClaimsBuilder builder = new ClaimsBuilder();
        try {
            builder.version(VERSION);
            builder.site(site);
            builder.device(device);
            builder.seq(seq);
            builder.issuedAt(issuedAt);
            builder.messageId(messageId);
            builder.contentType(contentType);
            builder.body(body);
            return builder.build();
        } catch (MalformedEnvelopeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
