package io.vigil.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How audit rows are selected and read back: one column list for verify, query and head. */
public final class AuditRows {

    /** recorded_at as integer microseconds, computed exactly by the server (extract returns numeric). */
    static final String MICROS = "(extract(epoch FROM recorded_at) * 1000000)::bigint";

    static final String COLUMNS = "seq, " + MICROS + " AS recorded_at_us, format, kind, actor_type, actor_id, site_id,"
            + " incident_id, event_id, reason, details, dedup_key, prev_hash, hash";

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditRows() {}

    static AuditRow read(ResultSet rs) throws SQLException {
        return new AuditRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getBytes(13), rs.getBytes(14));
    }

    /** ISO-8601 UTC with exactly six fraction digits: {@code 2025-01-05T10:00:00.000000Z}. */
    public static String iso(long micros) {
        return ISO_MICROS.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }
}
