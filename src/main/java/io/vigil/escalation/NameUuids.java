package io.vigil.escalation;

import io.vigil.support.NameBasedUuid;
import java.util.UUID;

/**
 * Deterministic ids of the escalation stage: name-based UUIDs (RFC 9562 version 5) in their own
 * namespace over length-prefixed parts, so that a retried transaction or a replayed event computes
 * the same incident, change and supervision-signal ids.
 */
public final class NameUuids {

    /** The escalation namespace (a fixed random UUID; never change it, ids would change). */
    public static final UUID NAMESPACE = UUID.fromString("b4f3d0a6-5c1e-4f7a-8e2d-93c6a1f07b58");

    private static final NameBasedUuid IDS = new NameBasedUuid(NAMESPACE);

    private NameUuids() {}

    public static UUID of(String... parts) {
        NameBasedUuid.Name name = IDS.name();
        for (String part : parts) {
            name.text(part);
        }
        return name.uuid();
    }

    /** The incident a signal opens: site, category and the opening signal's id. */
    public static UUID incident(String siteId, String category, UUID openingEventId) {
        return of("incident", siteId, category, openingEventId.toString());
    }

    /** One change of an incident: unique because every change bumps the version under the row lock. */
    public static UUID change(UUID incidentId, long version) {
        return of("change", incidentId.toString(), Long.toString(version));
    }
}
