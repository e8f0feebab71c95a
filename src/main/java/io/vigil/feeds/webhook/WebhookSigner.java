package io.vigil.feeds.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code X-Vigil-Timestamp: <unix seconds>}. The receiver recomputes it over the raw body and rejects
 * timestamps outside its replay window (docs/feeds.md).
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSigner(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the webhook secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** {@code sha256=<64 hex digits>} for this timestamp and body. */
    public String signature(long timestampSeconds, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(mac(timestampSeconds, body));
    }

    /** What a receiver does: constant-time comparison, and the timestamp within {@code windowSeconds} of now. */
    public boolean verify(String signatureHeader, String timestampHeader, byte[] body, Instant now, long windowSeconds) {
        if (signatureHeader == null || timestampHeader == null || !signatureHeader.startsWith("sha256=")
                || !timestampHeader.matches("[0-9]{1,12}")) {
            return false;
        }
        long timestamp = Long.parseLong(timestampHeader);
        if (Math.abs(now.getEpochSecond() - timestamp) > windowSeconds) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(signatureHeader.substring("sha256=".length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, mac(timestamp, body));
    }

    private byte[] mac(long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[secret hidden]";
    }
}
