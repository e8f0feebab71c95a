package io.vigil.normalize.dc09;

import io.vigil.normalize.MalformedSignalException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of SIA DC-09 (2013, section 5.4.3): AES-128/192/256 in CBC mode with an all-zero
 * IV and no padding scheme of its own: the sender left-pads the text to a multiple of 16 with 1-16
 * characters other than {@code |}, {@code [} and {@code ]} (docs/dc09-encryption in docs/events.md).
 * The JDK's {@code AES/CBC/NoPadding} does the block work.
 *
 * <p>Keys come in two forms and the caller must say which: {@link #fromHex} (16/24/32 bytes written
 * as 32/48/64 hex digits, as panel menus often show them) and {@link #fromCharacters} (the 16/24/32
 * characters of the configured key taken as the key bytes, as widely used receivers do).
 */
public final class Dc09Cipher {
    private static final int BLOCK = 16;
    private static final byte[] ZERO_IV = new byte[BLOCK];
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PAD_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final SecretKeySpec key;

    private Dc09Cipher(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("a DC-09 AES key is 16, 24 or 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public static Dc09Cipher ofKey(byte[] key) {
        return new Dc09Cipher(key);
    }

    /** A key written as 32, 48 or 64 hex digits. */
    public static Dc09Cipher fromHex(String hex) {
        if (hex == null || (hex.length() != 32 && hex.length() != 48 && hex.length() != 64)) {
            throw new IllegalArgumentException("a hex DC-09 key has 32, 48 or 64 hex digits");
        }
        try {
            return new Dc09Cipher(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a hex DC-09 key has only the digits 0-9, A-F");
        }
    }

    /** A key whose 16, 24 or 32 printable ASCII characters are the key bytes. */
    public static Dc09Cipher fromCharacters(String characters) {
        if (characters == null || !characters.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("a character DC-09 key has printable ASCII characters only");
        }
        if (characters.length() != 16 && characters.length() != 24 && characters.length() != 32) {
            throw new IllegalArgumentException("a character DC-09 key has 16, 24 or 32 characters");
        }
        return new Dc09Cipher(characters.getBytes(StandardCharsets.US_ASCII));
    }

    /** Key length in bits: 128, 192 or 256. */
    public int bits() {
        return key.getEncoded().length * 8;
    }

    /**
     * Decrypts the hex text of an encrypted block into its characters (one per byte, ISO-8859-1),
     * pad included.
     *
     * @throws MalformedSignalException {@code dc09.decrypt_failed} when the text is not whole AES
     *                                  blocks of hex
     */
    public String decryptHex(CharSequence hex) {
        if (hex.length() == 0 || hex.length() % (2 * BLOCK) != 0) {
            throw new MalformedSignalException("dc09.decrypt_failed",
                    "encrypted part must be whole 16-byte blocks in hex, has " + hex.length() + " characters");
        }
        byte[] data;
        try {
            data = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new MalformedSignalException("dc09.decrypt_failed", "encrypted part is not hex");
        }
        return new String(run(Cipher.DECRYPT_MODE, data), StandardCharsets.ISO_8859_1);
    }

    /**
     * Pads {@code text} on the left to a multiple of 16 with 1-16 random characters (never
     * {@code |[]}), encrypts it and returns upper-case hex: the form a panel sends and an encrypted
     * ACK carries.
     */
    public String encryptToHex(String text) {
        int padLength = BLOCK - text.length() % BLOCK;
        StringBuilder padded = new StringBuilder(text.length() + padLength);
        for (int k = 0; k < padLength; k++) {
            padded.append(PAD_ALPHABET.charAt(RANDOM.nextInt(PAD_ALPHABET.length())));
        }
        padded.append(text);
        return HexFormat.of().withUpperCase().formatHex(run(Cipher.ENCRYPT_MODE,
                padded.toString().getBytes(StandardCharsets.ISO_8859_1)));
    }

    private byte[] run(int mode, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, key, new IvParameterSpec(ZERO_IV));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Dc09Cipher[AES-" + bits() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dc09Cipher other && Arrays.equals(key.getEncoded(), other.key.getEncoded());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key.getEncoded());
    }
}
