package io.vigil.automation.sitetest;

import io.vigil.automation.Jdbc;
import io.vigil.automation.site.ZoneKey;
import io.vigil.escalation.Signal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Periodic-test intervals, on-test windows and test traffic in PostgreSQL (V33). */
public final class SiteTestStore {

    /** A site's test supervision; {@code nextDueAt}: when a test_missed incident opens without a test. */
    public record Interval(Duration interval, Duration grace, Instant lastTestAt, Instant nextDueAt) {}

    /** A window during which the site ({@code zones} empty) or those zones are on test. */
    public record OnTest(long id, List<String> zones, Instant startsAt, Instant until, String reason, String setBy,
                         Instant endedAt, String endedBy) {
        boolean covers(Signal signal) {
            Instant end = endedAt != null && endedAt.isBefore(until) ? endedAt : until;
            if (signal.at().isBefore(startsAt) || !signal.at().isBefore(end)) {
                return false;
            }
            return zones.isEmpty() || (signal.zone() != null
                    && zones.stream().anyMatch(z -> ZoneKey.of(z).equals(ZoneKey.of(signal.zone()))));
        }
    }

    /** A signal that opened no incident because it was test traffic. */
    public record Traffic(String eventId, long onTestId, String zone, String eventClass, String category, String code,
                          String description, Instant at) {}

    private final DataSource dataSource;

    public SiteTestStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Sets the site's expected test interval; false when no such site. */
    public boolean putInterval(String siteId, Duration interval, Duration grace, String actor, Instant now) {
        return Jdbc.inTransaction(dataSource, "cannot store the test interval", c -> {
            if (!exists(c, siteId)) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site_test_intervals (site_id, interval_s, grace_s,"
                    + " created_at, updated_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET"
                    + " interval_s = EXCLUDED.interval_s, grace_s = EXCLUDED.grace_s, updated_by = EXCLUDED.updated_by")) {
                s.setString(1, siteId);
                s.setInt(2, (int) interval.toSeconds());
                s.setInt(3, (int) grace.toSeconds());
                s.setTimestamp(4, Timestamp.from(now));
                s.setString(5, actor);
                s.executeUpdate();
            }
            return true;
        });
    }

    public Optional<Interval> interval(String siteId) {
        return Jdbc.inTransaction(dataSource, "cannot read the test interval", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT interval_s, grace_s, last_test_at,"
                    + " coalesce(last_test_at, created_at) FROM site_test_intervals WHERE site_id = ?")) {
                s.setString(1, siteId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Duration interval = Duration.ofSeconds(rs.getInt(1));
                    Duration grace = Duration.ofSeconds(rs.getInt(2));
                    return Optional.of(new Interval(interval, grace, instant(rs.getTimestamp(3)),
                            rs.getTimestamp(4).toInstant().plus(interval).plus(grace)));
                }
            }
        });
    }

    /** Puts the site or some zones on test from {@code now} until {@code until}; empty when no such site. */
    public Optional<OnTest> start(String siteId, List<String> zones, Instant now, Instant until, String reason, String actor) {
        return Jdbc.inTransaction(dataSource, "cannot put the site on test", c -> {
            if (!exists(c, siteId)) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site_on_test (site_id, zones, starts_at, until, reason,"
                    + " set_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                s.setString(1, siteId);
                s.setArray(2, c.createArrayOf("text", zones.toArray()));
                s.setTimestamp(3, Timestamp.from(now));
                s.setTimestamp(4, Timestamp.from(until));
                s.setString(5, reason);
                s.setString(6, actor);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return Optional.of(new OnTest(rs.getLong(1), List.copyOf(zones), now, until, reason, actor, null, null));
                }
            }
        });
    }

    /** Ends every window of the site still running at {@code now}; the number ended. */
    public int end(String siteId, Instant now, String actor) {
        return Jdbc.inTransaction(dataSource, "cannot end the on-test mode", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE site_on_test SET ended_at = ?, ended_by = ?"
                    + " WHERE site_id = ? AND ended_at IS NULL AND until > ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, actor);
                s.setString(3, siteId);
                s.setTimestamp(4, Timestamp.from(now));
                return s.executeUpdate();
            }
        });
    }

    /** Windows still running at {@code now}. */
    public List<OnTest> active(String siteId, Instant now) {
        return Jdbc.inTransaction(dataSource, "cannot read the on-test mode", c -> windows(c, Set.of(siteId), now, now)
                .stream().filter(w -> w.endedAt() == null).toList());
    }

    /** The newest test traffic of the site, newest first. */
    public List<Traffic> traffic(String siteId, int limit) {
        return Jdbc.inTransaction(dataSource, "cannot read the test traffic", c -> {
            List<Traffic> traffic = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT event_id, on_test_id, zone, class, category, code,"
                    + " description, at FROM site_test_traffic WHERE site_id = ? ORDER BY at DESC, event_id LIMIT ?")) {
                s.setString(1, siteId);
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        traffic.add(new Traffic(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
                    }
                }
            }
            return traffic;
        });
    }

    /** Test reports move each site's last test time forward (never back: a late replay changes nothing). */
    public void recordTests(List<Signal> tests) {
        if (tests.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, "cannot record test reports", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE site_test_intervals SET last_test_at = ?"
                    + " WHERE site_id = ? AND (last_test_at IS NULL OR last_test_at < ?)")) {
                for (Signal t : tests) {
                    s.setTimestamp(1, Timestamp.from(t.at()));
                    s.setString(2, t.siteId());
                    s.setTimestamp(3, Timestamp.from(t.at()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** Stores the signals covered by an on-test window as test traffic; returns their ids. */
    public Set<UUID> divert(List<Signal> signals) {
        Set<String> sites = new LinkedHashSet<>();
        Instant from = null;
        Instant to = null;
        for (Signal s : signals) {
            sites.add(s.siteId());
            from = from == null || s.at().isBefore(from) ? s.at() : from;
            to = to == null || s.at().isAfter(to) ? s.at() : to;
        }
        if (sites.isEmpty()) {
            return Set.of();
        }
        Instant first = from;
        Instant last = to;
        return Jdbc.inTransaction(dataSource, "cannot divert test traffic", c -> {
            List<OnTest> windows = new ArrayList<>();
            List<String> windowSites = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, zones, starts_at, until, reason, set_by, ended_at,"
                    + " ended_by, site_id FROM site_on_test WHERE site_id = ANY (?) AND starts_at <= ? AND until > ?")) {
                s.setArray(1, c.createArrayOf("text", sites.toArray()));
                s.setTimestamp(2, Timestamp.from(last));
                s.setTimestamp(3, Timestamp.from(first));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        windows.add(onTest(rs));
                        windowSites.add(rs.getString(9));
                    }
                }
            }
            Set<UUID> diverted = new HashSet<>();
            if (windows.isEmpty()) {
                return diverted;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site_test_traffic (event_id, on_test_id, site_id, zone,"
                    + " class, category, code, description, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (event_id) DO NOTHING")) {
                for (Signal signal : signals) {
                    for (int i = 0; i < windows.size(); i++) {
                        if (windowSites.get(i).equals(signal.siteId()) && windows.get(i).covers(signal)) {
                            s.setObject(1, signal.eventId());
                            s.setLong(2, windows.get(i).id());
                            s.setString(3, signal.siteId());
                            s.setString(4, signal.zone());
                            s.setString(5, signal.eventClass().wireName());
                            s.setString(6, signal.category().wireName());
                            s.setString(7, signal.code());
                            s.setString(8, signal.description() == null ? "" : signal.description());
                            s.setTimestamp(9, Timestamp.from(signal.at()));
                            s.addBatch();
                            diverted.add(signal.eventId());
                            break;
                        }
                    }
                }
                s.executeBatch();
            }
            return diverted;
        });
    }

    private static List<OnTest> windows(Connection c, Set<String> sites, Instant from, Instant to) throws SQLException {
        List<OnTest> windows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, zones, starts_at, until, reason, set_by, ended_at, ended_by"
                + " FROM site_on_test WHERE site_id = ANY (?) AND starts_at <= ? AND until > ? ORDER BY id")) {
            s.setArray(1, c.createArrayOf("text", sites.toArray()));
            s.setTimestamp(2, Timestamp.from(to));
            s.setTimestamp(3, Timestamp.from(from));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    windows.add(onTest(rs));
                }
            }
        }
        return windows;
    }

    private static OnTest onTest(ResultSet rs) throws SQLException {
        Array zones = rs.getArray(2);
        return new OnTest(rs.getLong(1), Arrays.asList((String[]) zones.getArray()), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), rs.getString(8));
    }

    private static boolean exists(Connection c, String siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sites WHERE id = ?")) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
