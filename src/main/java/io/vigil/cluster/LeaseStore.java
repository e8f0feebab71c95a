package io.vigil.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The lease rows of one process (docs/cluster.md, "Leases"). Every time is the database's
 * ({@code clock_timestamp()}), so the nodes' clocks never have to agree. Row locks: a fenced
 * transaction holds its lease row {@code FOR KEY SHARE}; a renewal is a plain update, which that
 * lock lets through; a takeover locks the row {@code FOR UPDATE SKIP LOCKED}, which it does not, so
 * a lease never changes hands while its holder's fenced transaction is open.
 */
public final class LeaseStore {

    /** One lease as {@code vigil cluster status} shows it. */
    public record LeaseRow(String name, String nodeId, long token, Instant acquiredAt, Instant expiresAt, boolean live) {}

    /** One node as {@code vigil cluster status} shows it. */
    public record NodeRow(String nodeId, Instant startedAt, Instant seenAt, Instant stoppedAt, boolean live) {}

    private final DataSource dataSource;
    private final String cluster;
    private final String nodeId;
    private final UUID instance;
    private final Duration duration;

    public LeaseStore(DataSource dataSource, String cluster, String nodeId, UUID instance, Duration duration) {
        this.dataSource = dataSource;
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.instance = instance;
        this.duration = duration;
    }

    /**
     * Records this process as the node's instance; false when another process that did not stop
     * renewed the same node id within a lease duration (two nodes under one name would hold each
     * other's leases).
     */
    public boolean registerNode() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO cluster_node AS n (cluster, node_id, instance, started_at, seen_at)"
                     + " VALUES (?, ?, ?, clock_timestamp(), clock_timestamp())"
                     + " ON CONFLICT (cluster, node_id) DO UPDATE SET instance = EXCLUDED.instance, started_at = EXCLUDED.started_at,"
                     + " seen_at = EXCLUDED.seen_at, stopped_at = NULL"
                     + " WHERE n.instance = EXCLUDED.instance OR n.stopped_at IS NOT NULL"
                     + " OR n.seen_at <= clock_timestamp() - ?::interval")) {
            s.setString(1, cluster);
            s.setString(2, nodeId);
            s.setObject(3, instance);
            s.setString(4, interval(duration));
            return s.executeUpdate() == 1;
        }
    }

    /** Marks this node as stopped cleanly: the same node id may start again at once. */
    public void stopNode() throws SQLException {
        updateNode("stopped_at = clock_timestamp()");
    }

    /** Marks this node as alive now (status and the same-id check read it). */
    public void touchNode() throws SQLException {
        updateNode("seen_at = clock_timestamp()");
    }

    private void updateNode(String assignment) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE cluster_node SET " + assignment + " WHERE cluster = ? AND node_id = ? AND instance = ?")) {
            s.setString(1, cluster);
            s.setString(2, nodeId);
            s.setObject(3, instance);
            s.executeUpdate();
        }
    }

    /** Extends a lease this process holds with this token; empty when it no longer does. */
    public OptionalLong renew(String name, long token) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE cluster_lease SET expires_at = clock_timestamp() + ?::interval"
                     + " WHERE cluster = ? AND name = ? AND instance = ? AND token = ? AND expires_at > clock_timestamp()")) {
            s.setString(1, interval(duration));
            s.setString(2, cluster);
            s.setString(3, name);
            s.setObject(4, instance);
            s.setLong(5, token);
            return s.executeUpdate() == 1 ? OptionalLong.of(token) : OptionalLong.empty();
        }
    }

    /**
     * Takes a lease that is free or expired, with a token one above the last; empty when another
     * process holds it or its holder's fenced transaction is still open.
     */
    public OptionalLong tryAcquire(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                OptionalLong token = acquire(c, name);
                c.commit();
                return token;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private OptionalLong acquire(Connection c, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO cluster_lease"
                + " (cluster, name, node_id, instance, token, acquired_at, expires_at)"
                + " VALUES (?, ?, ?, ?, 1, clock_timestamp(), clock_timestamp() + ?::interval) ON CONFLICT (cluster, name) DO NOTHING")) {
            insert.setString(1, cluster);
            insert.setString(2, name);
            insert.setString(3, nodeId);
            insert.setObject(4, instance);
            insert.setString(5, interval(duration));
            if (insert.executeUpdate() == 1) {
                return OptionalLong.of(1);
            }
        }
        long token;
        try (PreparedStatement lock = c.prepareStatement("SELECT token FROM cluster_lease WHERE cluster = ? AND name = ?"
                + " AND expires_at <= clock_timestamp() FOR UPDATE SKIP LOCKED")) {
            lock.setString(1, cluster);
            lock.setString(2, name);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty(); // held (or being written by its holder's fenced transaction)
                }
                token = rs.getLong(1) + 1;
            }
        }
        try (PreparedStatement take = c.prepareStatement("UPDATE cluster_lease SET node_id = ?, instance = ?, token = ?,"
                + " acquired_at = clock_timestamp(), expires_at = clock_timestamp() + ?::interval WHERE cluster = ? AND name = ?")) {
            take.setString(1, nodeId);
            take.setObject(2, instance);
            take.setLong(3, token);
            take.setString(4, interval(duration));
            take.setString(5, cluster);
            take.setString(6, name);
            take.executeUpdate();
        }
        return OptionalLong.of(token);
    }

    /** Hands these leases back at once (a clean stop): the next node to try takes them. */
    public void release(Collection<String> names) throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE cluster_lease SET expires_at = clock_timestamp()"
                     + " WHERE cluster = ? AND name = ANY(?) AND instance = ?")) {
            s.setString(1, cluster);
            s.setArray(2, c.createArrayOf("text", names.toArray()));
            s.setObject(3, instance);
            s.executeUpdate();
        }
    }

    /**
     * The fence of one fenced transaction (docs/cluster.md, "Fencing"): locks the lease row with this
     * token so that it cannot change hands before the transaction ends, and bounds how long a paused
     * holder can keep that lock.
     */
    public void fence(Connection c, String name, long token) throws SQLException {
        try (PreparedStatement timeout = c.prepareStatement("SELECT set_config('idle_in_transaction_session_timeout', ?, true)")) {
            timeout.setString(1, Long.toString(duration.toMillis()));
            timeout.execute();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM cluster_lease WHERE cluster = ? AND name = ? AND instance = ?"
                + " AND token = ? AND expires_at > clock_timestamp() FOR KEY SHARE")) {
            s.setString(1, cluster);
            s.setString(2, name);
            s.setObject(3, instance);
            s.setLong(4, token);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new LeaseLostException(name, token);
                }
            }
        }
    }

    /** Every lease of the cluster, with whether it is live now. */
    public static List<LeaseRow> leases(DataSource dataSource, String cluster) throws SQLException {
        List<LeaseRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT name, node_id, token, acquired_at, expires_at,"
                     + " expires_at > clock_timestamp() FROM cluster_lease WHERE cluster = ? ORDER BY name")) {
            s.setString(1, cluster);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new LeaseRow(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(),
                            rs.getBoolean(6)));
                }
            }
        }
        return rows;
    }

    /** Every node of the cluster that ever ran, with whether it renewed within the lease duration. */
    public static List<NodeRow> nodes(DataSource dataSource, String cluster, Duration duration) throws SQLException {
        List<NodeRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT node_id, started_at, seen_at, stopped_at,"
                     + " stopped_at IS NULL AND seen_at > clock_timestamp() - ?::interval FROM cluster_node"
                     + " WHERE cluster = ? ORDER BY node_id")) {
            s.setString(1, interval(duration));
            s.setString(2, cluster);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime stopped = rs.getObject(4, OffsetDateTime.class);
                    rows.add(new NodeRow(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), stopped == null ? null : stopped.toInstant(),
                            rs.getBoolean(5)));
                }
            }
        }
        return rows;
    }

    /** How many nodes renewed within the lease duration (this one included once it registered). */
    public int liveNodes() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM cluster_node WHERE cluster = ? AND stopped_at IS NULL"
                     + " AND seen_at > clock_timestamp() - ?::interval")) {
            s.setString(1, cluster);
            s.setString(2, interval(duration));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String interval(Duration d) {
        return d.toMillis() + " milliseconds";
    }
}
