package io.vigil.console;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1, 30 s steps,
 * 6 digits. Over the JDK's HMAC (RFC 4226's dynamic truncation is a few lines; TotpCodesTest pins
 * RFC 6238's test vectors) instead of a small third-party library.
 */
public final class TotpCodes {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** Steps of clock skew accepted either side. */
    public static final int SKEW = 1;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private TotpCodes() {}

    public static byte[] newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The code of one time step, {@code digits} long (RFC 4226, section 5.3). */
    public static String code(byte[] secret, long step, int digits, String hmac) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(secret, hmac));
            byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = (h[offset] & 0x7f) << 24 | (h[offset + 1] & 0xff) << 16 | (h[offset + 2] & 0xff) << 8
                    | (h[offset + 3] & 0xff);
            String code = Integer.toString(binary % (int) Math.pow(10, digits));
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is missing from this JVM", e);
        }
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /**
     * The step whose code {@code presented} is, within the skew around {@code now} and after
     * {@code lastUsedStep} (a code is good once); empty when none.
     */
    public static OptionalLong match(byte[] secret, String presented, Instant now, Long lastUsedStep) {
        if (presented == null || !presented.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        for (long step = current - SKEW; step <= current + SKEW; step++) {
            boolean fresh = lastUsedStep == null || step > lastUsedStep;
            if (fresh && java.security.MessageDigest.isEqual(code(secret, step, DIGITS, "HmacSHA1").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII), presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The secret in base32 (RFC 4648, no padding), as authenticator apps take it. */
    public static String base32(byte[] secret) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : secret) {
            buffer = buffer << 8 | b & 0xff;
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt(buffer >> bits - 5 & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt(buffer << 5 - bits & 31));
        }
        return out.toString();
    }

    /** The {@code otpauth://} URI an authenticator app reads (as a QR code or pasted). */
    public static String uri(String issuer, String account, byte[] secret) {
        return "otpauth://totp/" + issuer + ":" + account + "?secret=" + base32(secret) + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }
}
