package io.vigil.supervision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The last sign of life of every site, shared by the nodes of a cluster in {@code site_last_seen}
 * (docs/cluster.md, "Supervision"): written per escalation batch, never moved backwards, and read
 * back by every node by change time. A row is read again for a margin after its change, because a
 * change stamped earlier may commit after a later one was read; feeding a heartbeat twice is harmless.
 */
final class SharedHeartbeats {

    static final Duration MARGIN = Duration.ofSeconds(2);

    /** What changed since the last read, and where the next read starts. */
    record Changes(Map<String, Instant> lastSeen, Instant readAt) {}

    private final DataSource dataSource;

    SharedHeartbeats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void record(Map<String, Instant> lastSeen) throws SQLException {
        if (lastSeen.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO site_last_seen AS l (site_id, seen_at, updated_at)"
                     + " SELECT site, seen, clock_timestamp() FROM unnest(?::text[], ?::timestamptz[]) AS u(site, seen)"
                     + " ON CONFLICT (site_id) DO UPDATE SET seen_at = EXCLUDED.seen_at, updated_at = EXCLUDED.updated_at"
                     + " WHERE l.seen_at < EXCLUDED.seen_at")) {
            s.setArray(1, c.createArrayOf("text", lastSeen.keySet().toArray()));
            s.setArray(2, c.createArrayOf("timestamptz", lastSeen.values().stream().map(SharedHeartbeats::timestamp).toArray()));
            s.executeUpdate();
        }
    }

    /** The sites whose last sign of life changed since {@code since} (less the margin). */
    Changes changedSince(Instant since) throws SQLException {
        Map<String, Instant> changed = new LinkedHashMap<>();
        Instant readAt;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement now = c.prepareStatement("SELECT clock_timestamp()"); ResultSet rs = now.executeQuery()) {
                rs.next();
                readAt = rs.getObject(1, OffsetDateTime.class).toInstant();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT site_id, seen_at FROM site_last_seen WHERE updated_at > ?")) {
                s.setObject(1, timestamp(since.minus(MARGIN)));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        changed.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                    }
                }
            }
        }
        return new Changes(changed, readAt);
    }

    private static java.time.OffsetDateTime timestamp(java.time.Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
