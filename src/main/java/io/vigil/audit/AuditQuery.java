package io.vigil.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Finds audit rows by site, incident, actor, event, kind and time, in seq order, streaming them to
 * an {@link AuditOutput} through a server-side cursor. The SQL is assembled from fixed fragments;
 * every value is a bound parameter.
 */
public final class AuditQuery {

    private final DataSource dataSource;
    private final int fetchSize;

    public AuditQuery(DataSource dataSource, int fetchSize) {
        this.dataSource = dataSource;
        this.fetchSize = fetchSize;
    }

    /** Writes every matching row to {@code output}; returns how many. */
    public long run(AuditFilter filter, AuditOutput output) throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("SELECT ").append(AuditRows.COLUMNS).append(" FROM audit_log WHERE true");
        List<Object> values = new ArrayList<>();
        condition(sql, values, "site_id = ?", filter.siteId());
        condition(sql, values, "incident_id = ?", filter.incidentId());
        condition(sql, values, "actor_type = ?", filter.actorType());
        condition(sql, values, "actor_id = ?", filter.actorId());
        condition(sql, values, "event_id = ?", filter.eventId());
        condition(sql, values, "kind = ?", filter.kind());
        condition(sql, values, "recorded_at >= ?",
                filter.from() == null ? null : OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        condition(sql, values, "recorded_at < ?",
                filter.to() == null ? null : OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        sql.append(" ORDER BY seq");

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setFetchSize(fetchSize);
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                long count = 0;
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        output.write(AuditRows.read(rs));
                        count++;
                    }
                }
                output.flush();
                return count;
            } finally {
                connection.rollback();
            }
        }
    }

    private static void condition(StringBuilder sql, List<Object> values, String fragment, Object value) {
        if (value != null) {
            sql.append(" AND ").append(fragment);
            values.add(value);
        }
    }
}
