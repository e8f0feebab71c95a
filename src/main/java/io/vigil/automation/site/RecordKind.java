package io.vigil.automation.site;

import java.util.List;
import java.util.Locale;

/** The kinds of site records a CSV file holds, each with its exact columns (docs/automation.md, "CSV"). */
public enum RecordKind {
    SITES("site_id", "address", "latitude", "longitude", "time_zone", "region", "instructions"),
    AREAS("site_id", "area", "description"),
    ZONES("site_id", "zone", "area", "description", "zone_type"),
    CONTACTS("site_id", "call_order", "name", "role", "phone", "email", "availability", "means"),
    PASSWORDS("site_id", "label", "password", "password_hash", "duress"),
    AGENCIES("site_id", "kind", "name", "phone", "reference");

    private final List<String> columns;

    RecordKind(String... columns) {
        this.columns = List.of(columns);
    }

    public List<String> columns() {
        return columns;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordKind parse(String text) {
        for (RecordKind kind : values()) {
            if (kind.wireName().equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("record kind must be one of sites, areas, zones, contacts, passwords, agencies");
    }
}
