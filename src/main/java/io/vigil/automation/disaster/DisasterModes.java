package io.vigil.automation.disaster;

import io.vigil.automation.AutomationException;
import io.vigil.automation.Jdbc;
import io.vigil.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Disaster modes (docs/automation.md, "Disaster mode"): while one runs for the centre or a region,
 * open incidents there less urgent than its threshold are held out of the operators' queue (the
 * rule is the database function {@code incident_held}); ending it releases them.
 */
public final class DisasterModes {

    /** A mode; {@code held}: open incidents it holds now (0 once ended). */
    public record Mode(long id, String region, int holdAbove, String reason, Instant startedAt, String startedBy,
                       Instant endedAt, String endedBy, long held) {}

    /** What starting a mode did. */
    public sealed interface Started {
        record Done(Mode mode) implements Started {}

        /** A mode runs for that scope already. */
        record Running() implements Started {}
    }

    private static final String OPEN = "('new', 'acknowledged', 'in_progress')";
    private static final String HELD_BY_MODE = "(SELECT count(*) FROM incidents i WHERE i.state IN " + OPEN
            + " AND i.priority > d.hold_above AND (d.region IS NULL OR d.region ="
            + " (SELECT r.region FROM site_records r WHERE r.site_id = i.site_id)))";

    private final DataSource dataSource;

    public DisasterModes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Started start(String region, int holdAbove, String reason, String actor, Instant now) {
        try {
            return Jdbc.inTransaction(dataSource, "cannot start the disaster mode", c -> {
                long id;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO disaster_modes (region, hold_above, reason,"
                        + " started_at, started_by) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                    s.setString(1, region);
                    s.setInt(2, holdAbove);
                    s.setString(3, reason);
                    s.setTimestamp(4, Timestamp.from(now));
                    s.setString(5, actor);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                return new Started.Done(find(c, id).orElseThrow());
            });
        } catch (AutomationException e) {
            if (e.getCause() instanceof SQLException sql && SqlErrors.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return new Started.Running();
            }
            throw e;
        }
    }

    /** Ends a running mode; the mode as it was just before (its {@code held}: the incidents released). */
    public Optional<Mode> end(long id, String actor, Instant now) {
        return Jdbc.inTransaction(dataSource, "cannot end the disaster mode", c -> {
            Optional<Mode> running = find(c, id).filter(m -> m.endedAt() == null);
            if (running.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE disaster_modes SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, actor);
                s.setLong(3, id);
                s.executeUpdate();
            }
            Mode m = running.get();
            return Optional.of(new Mode(m.id(), m.region(), m.holdAbove(), m.reason(), m.startedAt(), m.startedBy(), now,
                    actor, m.held()));
        });
    }

    public List<Mode> running() {
        return Jdbc.inTransaction(dataSource, "cannot read the disaster modes", c -> {
            List<Mode> modes = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(select() + " WHERE d.ended_at IS NULL ORDER BY d.id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    modes.add(mode(rs));
                }
            }
            return modes;
        });
    }

    public Optional<Mode> find(long id) {
        return Jdbc.inTransaction(dataSource, "cannot read the disaster mode", c -> find(c, id));
    }

    private static Optional<Mode> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(select() + " WHERE d.id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(mode(rs)) : Optional.empty();
            }
        }
    }

    private static String select() {
        return "SELECT d.id, d.region, d.hold_above, d.reason, d.started_at, d.started_by, d.ended_at, d.ended_by,"
                + " CASE WHEN d.ended_at IS NULL THEN " + HELD_BY_MODE + " ELSE 0 END FROM disaster_modes d";
    }

    private static Mode mode(ResultSet rs) throws SQLException {
        Timestamp ended = rs.getTimestamp(7);
        return new Mode(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                rs.getString(6), ended == null ? null : ended.toInstant(), rs.getString(8), rs.getLong(9));
    }
}
