package io.vigil.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids: a name-based UUID (RFC 9562 version 5, SHA-1) in the Vigil event namespace,
 * so a redelivered message yields the same ids. The name is length-prefixed so that no two
 * (site, message, index) triples share a name; the exact layout is in docs/events.md.
 */
public final class EventIds {
    /** The Vigil event namespace (a fixed random UUID; never change it, ids would change). */
    public static final UUID NAMESPACE = UUID.fromString("6f1c2a0e-3b8d-4c57-9e41-2d7a5b9c0f13");

    private static final byte[] NAMESPACE_BYTES = ByteBuffer.allocate(16)
            .putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits()).array();

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(EventIds::sha1);

    private EventIds() {}

    public static UUID eventId(String siteId, String messageId, int index) {
        byte[] site = siteId.getBytes(StandardCharsets.UTF_8);
        byte[] message = messageId.getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1 = SHA1.get();
        sha1.update(NAMESPACE_BYTES);
        updateInt(sha1, site.length);
        sha1.update(site);
        updateInt(sha1, message.length);
        sha1.update(message);
        updateInt(sha1, index);
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3F) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static void updateInt(MessageDigest digest, int value) {
        digest.update((byte) (value >>> 24));
        digest.update((byte) (value >>> 16));
        digest.update((byte) (value >>> 8));
        digest.update((byte) value);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }
}
