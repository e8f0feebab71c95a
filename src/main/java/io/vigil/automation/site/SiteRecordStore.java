package io.vigil.automation.site;

import io.vigil.automation.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Site records in PostgreSQL (V30). Every write replaces a part of a site's records as a whole in
 * the caller's transaction, so an API PUT or a CSV import is all or nothing.
 */
public final class SiteRecordStore {

    /** A site's records and who stored them last ({@code stamp} null: never stored). */
    public record Loaded(SiteRecord.Set records, SiteRecord.Stamp stamp) {}

    private final DataSource dataSource;

    public SiteRecordStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The site's records; empty when no such site is registered. */
    public Optional<Loaded> load(String siteId) {
        return Jdbc.inTransaction(dataSource, "cannot read the site records", c -> {
            if (!siteExists(c, siteId)) {
                return Optional.empty();
            }
            SiteRecord.Basics basics = SiteRecord.Basics.EMPTY;
            SiteRecord.Stamp stamp = null;
            try (PreparedStatement s = c.prepareStatement("SELECT address, latitude, longitude, time_zone, instructions,"
                    + " updated_at, updated_by, region FROM site_records WHERE site_id = ?")) {
                s.setString(1, siteId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        basics = new SiteRecord.Basics(rs.getString(1), rs.getObject(2, Double.class),
                                rs.getObject(3, Double.class), rs.getString(4), rs.getString(8), rs.getString(5));
                        stamp = new SiteRecord.Stamp(rs.getTimestamp(6).toInstant(), rs.getString(7));
                    }
                }
            }
            return Optional.of(new Loaded(new SiteRecord.Set(basics, areas(c, siteId), zones(c, siteId),
                    contacts(c, siteId), passwords(c, siteId), agencies(c, siteId)), stamp));
        });
    }

    /** Replaces every part of the site's records; false when no such site is registered. */
    public boolean replace(String siteId, SiteRecord.Set records, String actor, Instant now) {
        return Jdbc.inTransaction(dataSource, "cannot store the site records", c -> {
            if (!lockSite(c, siteId)) {
                return false;
            }
            replaceBasics(c, siteId, records.basics(), actor, now);
            replaceAreas(c, siteId, records.areas());
            replaceZones(c, siteId, records.zones());
            replaceContacts(c, siteId, records.contacts());
            replacePasswords(c, siteId, records.passwords());
            replaceAgencies(c, siteId, records.agencies());
            return true;
        });
    }

    /** The site's zones by {@link ZoneKey}, for showing events with their zone's description. */
    public Map<String, SiteRecord.Zone> zonesByKey(String siteId) {
        return Jdbc.inTransaction(dataSource, "cannot read the site's zones", c -> {
            Map<String, SiteRecord.Zone> zones = new LinkedHashMap<>();
            for (SiteRecord.Zone zone : zones(c, siteId)) {
                zones.put(ZoneKey.of(zone.zone()), zone);
            }
            return zones;
        });
    }

    public List<SiteRecord.StoredPassword> passwords(String siteId) {
        return Jdbc.inTransaction(dataSource, "cannot read the site's passwords", c -> passwords(c, siteId));
    }

    /** Which of {@code siteIds} are registered sites. */
    public static java.util.Set<String> registered(Connection c, Collection<String> siteIds) throws SQLException {
        java.util.Set<String> found = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM sites WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    static boolean siteExists(Connection c, String siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sites WHERE id = ?")) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Serialises writers of one site's records (an import and a PUT at the same time). */
    public static boolean lockSite(Connection c, String siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sites WHERE id = ? FOR NO KEY UPDATE")) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static void replaceBasics(Connection c, String siteId, SiteRecord.Basics b, String actor, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_records (site_id, address, latitude, longitude,"
                + " time_zone, instructions, updated_at, updated_by, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (site_id) DO UPDATE SET address = EXCLUDED.address, latitude = EXCLUDED.latitude,"
                + " longitude = EXCLUDED.longitude, time_zone = EXCLUDED.time_zone, instructions = EXCLUDED.instructions,"
                + " region = EXCLUDED.region,"
                + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")) {
            s.setString(1, siteId);
            s.setString(2, b.address());
            setDouble(s, 3, b.latitude());
            setDouble(s, 4, b.longitude());
            s.setString(5, b.timeZone());
            s.setString(6, b.instructions());
            s.setTimestamp(7, Timestamp.from(now));
            s.setString(8, actor);
            s.setString(9, b.region());
            s.executeUpdate();
        }
    }

    /** Records that the site's records changed (a part replaced by an import), without touching the basics. */
    public static void touch(Connection c, String siteId, String actor, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_records (site_id, updated_at, updated_by)"
                + " VALUES (?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET updated_at = EXCLUDED.updated_at,"
                + " updated_by = EXCLUDED.updated_by")) {
            s.setString(1, siteId);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, actor);
            s.executeUpdate();
        }
    }

    public static void replaceAreas(Connection c, String siteId, List<SiteRecord.Area> areas) throws SQLException {
        delete(c, "site_areas", siteId);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO site_areas (site_id, area, description) VALUES (?, ?, ?)")) {
            for (SiteRecord.Area a : areas) {
                s.setString(1, siteId);
                s.setString(2, a.area());
                s.setString(3, a.description());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public static void replaceZones(Connection c, String siteId, List<SiteRecord.Zone> zones) throws SQLException {
        delete(c, "site_zones", siteId);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_zones (site_id, zone, zone_key, area, description,"
                + " zone_type) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (SiteRecord.Zone z : zones) {
                s.setString(1, siteId);
                s.setString(2, z.zone());
                s.setString(3, ZoneKey.of(z.zone()));
                s.setString(4, z.area());
                s.setString(5, z.description());
                s.setString(6, z.zoneType());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public static void replaceContacts(Connection c, String siteId, List<SiteRecord.Contact> contacts) throws SQLException {
        delete(c, "site_contacts", siteId);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_contacts (site_id, call_order, name, role, phone,"
                + " email, availability, means) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SiteRecord.Contact k : contacts) {
                s.setString(1, siteId);
                s.setInt(2, k.callOrder());
                s.setString(3, k.name());
                s.setString(4, k.role());
                s.setString(5, k.phone());
                s.setString(6, k.email());
                s.setString(7, k.availability());
                s.setString(8, k.means());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public static void replacePasswords(Connection c, String siteId, List<SiteRecord.StoredPassword> passwords)
            throws SQLException {
        delete(c, "site_passwords", siteId);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO site_passwords (site_id, label, hash, duress) VALUES (?, ?, ?, ?)")) {
            for (SiteRecord.StoredPassword p : passwords) {
                s.setString(1, siteId);
                s.setString(2, p.label());
                s.setString(3, p.hash());
                s.setBoolean(4, p.duress());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public static void replaceAgencies(Connection c, String siteId, List<SiteRecord.Agency> agencies) throws SQLException {
        delete(c, "site_agencies", siteId);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_agencies (site_id, position, kind, name, phone,"
                + " reference) VALUES (?, ?, ?, ?, ?, ?)")) {
            int position = 1;
            for (SiteRecord.Agency a : agencies) {
                s.setString(1, siteId);
                s.setInt(2, position++);
                s.setString(3, a.kind());
                s.setString(4, a.name());
                s.setString(5, a.phone());
                s.setString(6, a.reference());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every site's records of the given sites (all sites when empty), for the CSV export. */
    public Map<String, SiteRecord.Set> loadAll(Collection<String> siteIds) {
        return Jdbc.inTransaction(dataSource, "cannot read the site records", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(siteIds.isEmpty() ? "SELECT id FROM sites ORDER BY id"
                    : "SELECT id FROM sites WHERE id = ANY (?) ORDER BY id")) {
                if (!siteIds.isEmpty()) {
                    s.setArray(1, c.createArrayOf("text", siteIds.toArray()));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            Map<String, SiteRecord.Set> all = new LinkedHashMap<>();
            for (String id : ids) {
                SiteRecord.Basics basics = null;
                try (PreparedStatement s = c.prepareStatement("SELECT address, latitude, longitude, time_zone, instructions,"
                        + " region FROM site_records WHERE site_id = ?")) {
                    s.setString(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            basics = new SiteRecord.Basics(rs.getString(1), rs.getObject(2, Double.class),
                                    rs.getObject(3, Double.class), rs.getString(4), rs.getString(6), rs.getString(5));
                        }
                    }
                }
                all.put(id, new SiteRecord.Set(basics == null ? SiteRecord.Basics.EMPTY : basics, areas(c, id),
                        zones(c, id), contacts(c, id), passwords(c, id), agencies(c, id)));
            }
            return all;
        });
    }

    private static List<SiteRecord.Area> areas(Connection c, String siteId) throws SQLException {
        return list(c, "SELECT area, description FROM site_areas WHERE site_id = ? ORDER BY area", siteId,
                rs -> new SiteRecord.Area(rs.getString(1), rs.getString(2)));
    }

    private static List<SiteRecord.Zone> zones(Connection c, String siteId) throws SQLException {
        return list(c, "SELECT zone, area, description, zone_type FROM site_zones WHERE site_id = ?"
                        + " ORDER BY length(zone_key), zone_key", siteId,
                rs -> new SiteRecord.Zone(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    private static List<SiteRecord.Contact> contacts(Connection c, String siteId) throws SQLException {
        return list(c, "SELECT call_order, name, role, phone, email, availability, means FROM site_contacts"
                        + " WHERE site_id = ? ORDER BY call_order", siteId,
                rs -> new SiteRecord.Contact(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
    }

    private static List<SiteRecord.StoredPassword> passwords(Connection c, String siteId) throws SQLException {
        return list(c, "SELECT label, hash, duress FROM site_passwords WHERE site_id = ? ORDER BY label", siteId,
                rs -> new SiteRecord.StoredPassword(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
    }

    private static List<SiteRecord.Agency> agencies(Connection c, String siteId) throws SQLException {
        return list(c, "SELECT kind, name, phone, reference FROM site_agencies WHERE site_id = ? ORDER BY position",
                siteId, rs -> new SiteRecord.Agency(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> list(Connection c, String sql, String siteId, RowReader<T> reader) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        }
        return rows;
    }

    private static void delete(Connection c, String table, String siteId) throws SQLException {
        // table is one of this class's constants, never caller text
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE site_id = ?")) {
            s.setString(1, siteId);
            s.executeUpdate();
        }
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }
}
