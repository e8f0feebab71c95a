package io.vigil.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (RFC 9562 version 5, SHA-1) in one namespace, over a name built from parts: text is written as
 * its UTF-8 length (4 bytes, big-endian) and bytes, so that no two part lists share a name; integers as 4 bytes.
 * {@code java.util.UUID} has only version 3 (MD5) and no namespaces.
 */
public final class NameBasedUuid {

    private final MessageDigest namespaced;

    public NameBasedUuid(UUID namespace) {
        namespaced = sha1();
        namespaced.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
    }

    /** A name to build; not shared between threads. */
    public Name name() {
        try {
            return new Name((MessageDigest) namespaced.clone()); // the namespace already hashed, and thread-safe
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-1 digest cannot be cloned", e);
        }
    }

    /** The parts of one name, hashed as they are added. */
    public static final class Name {

        private final MessageDigest sha1;

        private Name(MessageDigest sha1) {
            this.sha1 = sha1;
        }

        public Name text(String part) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            integer(bytes.length);
            sha1.update(bytes);
            return this;
        }

        public Name integer(int value) {
            sha1.update((byte) (value >>> 24));
            sha1.update((byte) (value >>> 16));
            sha1.update((byte) (value >>> 8));
            sha1.update((byte) value);
            return this;
        }

        public UUID uuid() {
            byte[] hash = sha1.digest();
            hash[6] = (byte) ((hash[6] & 0x0F) | 0x50); // version 5
            hash[8] = (byte) ((hash[8] & 0x3F) | 0x80); // IETF variant
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }
}
