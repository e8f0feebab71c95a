package io.vigil.escalation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic ids of the escalation stage: name-based UUIDs (RFC 9562 version 5) in their own
 * namespace over length-prefixed parts, so that a retried transaction or a replayed event computes
 * the same incident, change and supervision-signal ids.
 */
public final class NameUuids {

    /** The escalation namespace (a fixed random UUID; never change it, ids would change). */
    public static final UUID NAMESPACE = UUID.fromString("b4f3d0a6-5c1e-4f7a-8e2d-93c6a1f07b58");

    private NameUuids() {}

    public static UUID of(String... parts) {
        MessageDigest sha1 = sha1();
        sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits()).array());
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha1.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha1.update(bytes);
        }
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3F) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** The incident a signal opens: site, category and the opening signal's id. */
    public static UUID incident(String siteId, String category, UUID openingEventId) {
        return of("incident", siteId, category, openingEventId.toString());
    }

    /** One change of an incident: unique because every change bumps the version under the row lock. */
    public static UUID change(UUID incidentId, long version) {
        return of("change", incidentId.toString(), Long.toString(version));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }
}
