package io.vigil.automation.site;

import java.time.Instant;
import java.util.List;

/**
 * A site's records as stored and as the API shows them (docs/automation.md, "SiteRecords"). The
 * parts are records of their own so that the CSV import can replace one kind at a time.
 */
public final class SiteRecord {

    private SiteRecord() {}

    /**
     * The one-per-site part; {@code timeZone} is an IANA id, {@code region} the centre's name for
     * the area the site is in (disaster mode can hold a region's incidents).
     */
    public record Basics(String address, Double latitude, Double longitude, String timeZone, String region,
                         String instructions) {
        public static final Basics EMPTY = new Basics(null, null, null, "UTC", null, null);
    }

    public record Area(String area, String description) {}

    public record Zone(String zone, String area, String description, String zoneType) {
        /** {@code Zone 12 - rear door, entry/exit}: how an operator reads the zone of an event. */
        public String label() {
            return "Zone " + zone + " - " + description + ", " + ZoneType.parse(zoneType).label();
        }
    }

    public record Contact(int callOrder, String name, String role, String phone, String email, String availability,
                          String means) {}

    /** A verbal password as stored: its Argon2id hash, never the text. */
    public record StoredPassword(String label, String hash, boolean duress) {}

    public record Agency(String kind, String name, String phone, String reference) {}

    /** Everything one site has. */
    public record Set(Basics basics, List<Area> areas, List<Zone> zones, List<Contact> contacts,
                      List<StoredPassword> passwords, List<Agency> agencies) {
        public Set {
            areas = List.copyOf(areas);
            zones = List.copyOf(zones);
            contacts = List.copyOf(contacts);
            passwords = List.copyOf(passwords);
            agencies = List.copyOf(agencies);
        }
    }

    /** What was stored last, by whom. */
    public record Stamp(Instant updatedAt, String updatedBy) {}
}
