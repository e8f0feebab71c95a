package io.vigil.automation.sla;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vigil.automation.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Operator service levels (docs/automation.md, "Service levels"): per group of incidents, the
 * seconds from receipt (the first event's receiver time) to acknowledgement and to close, as
 * p50/p90/p99 (PostgreSQL's {@code percentile_cont}), and how many were not acknowledged within a
 * threshold (never acknowledged counts too).
 */
public final class ServiceLevels {

    /** How rows are grouped; each a fixed SQL expression, never caller text. */
    public enum GroupBy {
        DAY("to_char(first_event_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
        OPERATOR("coalesce(acknowledged_by, '')"),
        PRIORITY("priority::text"),
        CATEGORY("category");

        private final String sql;

        GroupBy(String sql) {
            this.sql = sql;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static GroupBy parse(String text) {
            for (GroupBy g : values()) {
                if (g.wireName().equals(text)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("groupBy must be one of day, operator, priority, category");
        }
    }

    /** Which incidents: received in {@code from..to}, of these categories and priorities (any when empty). */
    public record Query(Instant from, Instant to, GroupBy groupBy, Set<String> categories, Set<Integer> priorities,
                        Duration ackWithin) {}

    /** One group; seconds as decimals, null where no incident of the group got that far. */
    @JsonPropertyOrder({"group", "incidents", "acknowledged", "closed", "ackP50", "ackP90", "ackP99", "closeP50",
            "closeP90", "closeP99", "notAcknowledgedWithin"})
    public record Row(String group, long incidents, long acknowledged, long closed, Double ackP50, Double ackP90,
                      Double ackP99, Double closeP50, Double closeP90, Double closeP99, long notAcknowledgedWithin) {}

    private final DataSource dataSource;

    public ServiceLevels(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Row> report(Query q) {
        String group = q.groupBy().sql;
        String ack = "extract(epoch FROM acknowledged_at - first_event_at)";
        String close = "extract(epoch FROM closed_at - first_event_at)";
        String sql = "SELECT " + group + " AS g, count(*), count(acknowledged_at), count(closed_at),"
                + percentiles(ack) + ", " + percentiles(close) + ","
                + " count(*) FILTER (WHERE acknowledged_at IS NULL OR acknowledged_at - first_event_at > ?)"
                + " FROM incidents WHERE first_event_at >= ? AND first_event_at < ?"
                + " AND (cardinality(?::text[]) = 0 OR category = ANY (?::text[]))"
                + " AND (cardinality(?::int[]) = 0 OR priority = ANY (?::int[]))"
                + " GROUP BY g ORDER BY g";
        return Jdbc.inTransaction(dataSource, "cannot compute service levels", c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, new org.postgresql.util.PGInterval(0, 0, 0, 0, 0, q.ackWithin().toMillis() / 1000.0));
                s.setTimestamp(2, Timestamp.from(q.from()));
                s.setTimestamp(3, Timestamp.from(q.to()));
                java.sql.Array categories = c.createArrayOf("text", q.categories().toArray());
                java.sql.Array priorities = c.createArrayOf("integer", q.priorities().toArray());
                s.setArray(4, categories);
                s.setArray(5, categories);
                s.setArray(6, priorities);
                s.setArray(7, priorities);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), number(rs, 5),
                                number(rs, 6), number(rs, 7), number(rs, 8), number(rs, 9), number(rs, 10), rs.getLong(11)));
                    }
                }
            }
            return rows;
        });
    }

    private static String percentiles(String seconds) {
        StringBuilder sql = new StringBuilder();
        for (String p : List.of("0.5", "0.9", "0.99")) {
            if (sql.length() > 0) {
                sql.append(", ");
            }
            sql.append("percentile_cont(").append(p).append(") WITHIN GROUP (ORDER BY ").append(seconds).append(")");
        }
        return sql.toString();
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value * 1000) / 1000.0;
    }
}
