package io.vigil.pki;

import java.util.Locale;
import java.util.Set;

/**
 * Which site ids may be enrolled. A site id is also its certificate's CN and its MQTT client id, a
 * namespace Vigil's services share: ids a service uses or may use are reserved (docs/envelope.md,
 * "Reserved ids").
 */
public final class ReservedSiteIds {

    private static final Set<String> RESERVED = Set.of(
            "receiver", "broker", "admin", "root", "api", "localhost", "mosquitto", "vigil");
    private static final String[] RESERVED_PREFIXES = {"vigil-", "vigil_", "vigil."};

    private ReservedSiteIds() {}

    public static boolean isReserved(String siteId) {
        String id = siteId.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(id)) {
            return true;
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (id.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A well-formed site id that is not reserved; anything else is an {@link IllegalArgumentException}. */
    public static String requireEnrollable(String siteId) {
        DevPki.requireSiteId(siteId);
        if (isReserved(siteId)) {
            throw new IllegalArgumentException("site id " + siteId
                    + " is reserved for Vigil's services (receiver, broker, admin, root, api, localhost, mosquitto,"
                    + " vigil, vigil-*): choose another");
        }
        return siteId;
    }
}
