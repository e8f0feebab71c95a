package io.vigil.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The token format: {@code vgl_} and 43 base64url characters (256 random bits). Only the SHA-256 of
 * the whole text is stored. A fast hash is enough here, unlike for passwords: slow hashes (bcrypt,
 * Argon2) exist to make guessing low-entropy secrets expensive, and nobody can guess 2^256
 * possibilities, however fast each guess is. The fast hash lets every request be checked with one
 * indexed lookup. The prefix lets secret scanners recognise a leaked token.
 */
public final class TokenSecret {

    public static final String PREFIX = "vgl_";
    private static final Pattern FORMAT = Pattern.compile("vgl_[A-Za-z0-9_-]{43}");
    private static final Pattern ID = Pattern.compile("tok_[a-z0-9]{16}");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecret() {}

    /** A new secret token text. */
    public static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** A new public token id ({@code tok_} and 16 of [a-z0-9], about 82 bits: unique, not secret). */
    public static String newId() {
        StringBuilder id = new StringBuilder("tok_");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** Whether a presented text has the token format at all; anything else is refused without a lookup. */
    public static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
