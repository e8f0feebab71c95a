package io.vigil.trust.envelope;

import io.vigil.support.LogSafe;
import java.time.Instant;

/** Collects claims from either encoding, refusing duplicates, wrong types and bad values; {@link #build} checks presence. */
final class ClaimsBuilder {

    private static final Instant NO_TIME = Instant.MIN;

    private int version = -1;
    private String site;
    private String device;
    private long seq = -1;
    private Instant issuedAt = NO_TIME;
    private String messageId;
    private String contentType;
    private byte[] body;

    void version(long v) throws MalformedEnvelopeException {
        once(version != -1, "v");
        if (v != Claims.VERSION) {
            throw new MalformedEnvelopeException("unsupported envelope version " + v);
        }
        version = (int) v;
    }

    void site(String s) throws MalformedEnvelopeException {
        once(site != null, "site");
        if (!Ids.isName(s)) {
            throw new MalformedEnvelopeException("invalid site id " + LogSafe.quote(s));
        }
        site = s;
    }

    void device(String s) throws MalformedEnvelopeException {
        once(device != null, "dev");
        if (!Ids.isName(s)) {
            throw new MalformedEnvelopeException("invalid device id " + LogSafe.quote(s));
        }
        device = s;
    }

    void seq(long s) throws MalformedEnvelopeException {
        once(seq != -1, "seq");
        if (s < 0) {
            throw new MalformedEnvelopeException("seq must be an integer in 0..2^63-1");
        }
        seq = s;
    }

    void issuedAt(Instant at) throws MalformedEnvelopeException {
        once(issuedAt != NO_TIME, "iat");
        if (at == null || at.getEpochSecond() < 0 || at.getEpochSecond() > Claims.MAX_IAT_SECONDS) {
            throw new MalformedEnvelopeException("iat out of range");
        }
        issuedAt = at;
    }

    void issuedAtSeconds(double seconds) throws MalformedEnvelopeException {
        if (!(seconds >= 0 && seconds <= Claims.MAX_IAT_SECONDS)) {
            once(issuedAt != NO_TIME, "iat");
            throw new MalformedEnvelopeException("iat out of range");
        }
        // a double near 1.7e9 resolves about 0.24 microseconds: keep the fraction to the microsecond
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e6) * 1000;
        if (nanos >= 1_000_000_000L) {
            whole++;
            nanos = 0;
        }
        issuedAt(Instant.ofEpochSecond(whole, nanos));
    }

    void messageId(String s) throws MalformedEnvelopeException {
        once(messageId != null, "mid");
        if (!Ids.isToken(s)) {
            throw new MalformedEnvelopeException("invalid message id " + LogSafe.quote(s));
        }
        messageId = s;
    }

    void contentType(String s) throws MalformedEnvelopeException {
        once(contentType != null, "ct");
        if (!Ids.isContentType(s)) {
            throw new MalformedEnvelopeException("invalid content type " + LogSafe.quote(s));
        }
        contentType = s;
    }

    void body(byte[] b) throws MalformedEnvelopeException {
        once(body != null, "body");
        if (b == null) {
            throw new MalformedEnvelopeException("body missing");
        }
        body = b;
    }

    Claims build() throws MalformedEnvelopeException {
        if (version == -1) {
            throw missing("v");
        }
        if (site == null) {
            throw missing("site");
        }
        if (device == null) {
            throw missing("dev");
        }
        if (seq == -1) {
            throw missing("seq");
        }
        if (issuedAt == NO_TIME) {
            throw missing("iat");
        }
        if (messageId == null) {
            throw missing("mid");
        }
        if (contentType == null) {
            throw missing("ct");
        }
        if (body == null) {
            throw missing("body");
        }
        return new Claims(version, site, device, seq, issuedAt, messageId, contentType, body);
    }

    private static void once(boolean alreadySet, String claim) throws MalformedEnvelopeException {
        if (alreadySet) {
            throw new MalformedEnvelopeException("duplicate claim " + claim);
        }
    }

    private static MalformedEnvelopeException missing(String claim) {
        return new MalformedEnvelopeException("missing claim " + claim);
    }
}
