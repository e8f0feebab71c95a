package io.vigil.normalize;

import io.vigil.support.NameBasedUuid;
import java.util.UUID;

/**
 * Deterministic event ids: a name-based UUID (RFC 9562 version 5, SHA-1) in the Vigil event namespace,
 * so a redelivered message yields the same ids. The name is length-prefixed so that no two
 * (site, message, index) triples share a name; the exact layout is in docs/events.md.
 */
public final class EventIds {
    /** The Vigil event namespace (a fixed random UUID; never change it, ids would change). */
    public static final UUID NAMESPACE = UUID.fromString("6f1c2a0e-3b8d-4c57-9e41-2d7a5b9c0f13");

    private static final NameBasedUuid IDS = new NameBasedUuid(NAMESPACE);

    private EventIds() {}

    public static UUID eventId(String siteId, String messageId, int index) {
        return IDS.name().text(siteId).text(messageId).integer(index).uuid();
    }
}
