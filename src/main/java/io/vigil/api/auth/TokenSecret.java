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
        return PREFIX + random(32);
    }

    /** A new public token id ({@code tok_} and 16 of [a-z0-9], about 82 bits: unique, not secret). */
    public static String newId() {
        return newId("tok_");
    }

    /** A new public id: {@code prefix} and 16 of [a-z0-9] (console sessions are {@code ses_...}). */
    public static String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
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

    /** {@code bytes} random bytes from SecureRandom, base64url without padding. */
    public static String random(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** SHA-256 of an ASCII secret (a token's or a console session's): what the tables keep. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
