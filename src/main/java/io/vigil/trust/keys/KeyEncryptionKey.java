package io.vigil.trust.keys;

import io.vigil.pki.PemFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's key-encryption key: wraps the symmetric site secrets stored in PostgreSQL with
 * AES-256-GCM (12-byte random nonce, 128-bit tag, the row's identity as associated data), so that
 * a database reader alone cannot read them. Kept in a file of 32 random bytes
 * ({@code vigil.trust.secrets.kek-file}), owner-only, outside the database.
 */
public final class KeyEncryptionKey {
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String id;

    private KeyEncryptionKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key-encryption key is 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.id = idOf(key);
    }

    public static KeyEncryptionKey of(byte[] key) {
        return new KeyEncryptionKey(key);
    }

    /** Reads the key file; null when it does not exist. */
    public static KeyEncryptionKey load(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return new KeyEncryptionKey(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption key " + file, e);
        }
    }

    /** Reads the key file, creating it (owner-only, 32 random bytes) when it does not exist. */
    public static synchronized KeyEncryptionKey loadOrCreate(Path file) {
        KeyEncryptionKey existing = load(file);
        if (existing != null) {
            return existing;
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file, e);
        }
        PemFiles.writeAtomically(file, fresh, true);
        return new KeyEncryptionKey(fresh);
    }

    /** First 16 hex digits of SHA-256 of the key: names the KEK that wrapped a secret without revealing it. */
    public String id() {
        return id;
    }

    public byte[] wrap(byte[] secret, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, secret, 0, secret.length, associatedData);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    /** @throws GeneralSecurityException when the tag does not verify (another KEK, another row, altered bytes) */
    public byte[] unwrap(byte[] wrapped, String associatedData) throws GeneralSecurityException {
        if (wrapped.length < NONCE_BYTES + 16) {
            throw new GeneralSecurityException("wrapped secret too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
    }

    private byte[] run(int mode, byte[] nonce, byte[] data, int offset, int length, String associatedData) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is unavailable", e);
        }
    }

    private static String idOf(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
