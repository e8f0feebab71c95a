package io.vigil.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The newest row of the chain: what an operator exports to anchor the chain outside the database. */
public record AuditHead(long seq, long recordedAtMicros, byte[] hash) {

    // the primary key (seq, recorded_at) answers this with one backward index probe per partition
    private static final String SQL = "SELECT seq, " + AuditRows.MICROS + ", hash FROM audit_log ORDER BY seq DESC LIMIT 1";

    public static Optional<AuditHead> read(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SQL);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(new AuditHead(rs.getLong(1), rs.getLong(2), rs.getBytes(3))) : Optional.empty();
        }
    }

    public Instant recordedAt() {
        return Instant.EPOCH.plus(recordedAtMicros, ChronoUnit.MICROS);
    }

    public String hashHex() {
        return Hex.of(hash);
    }

    /** One JSON line: {@code {"seq":N,"recorded_at":"...","hash":"..."}}. */
    public String toJson() {
        return "{\"seq\":" + seq + ",\"recorded_at\":\"" + AuditRows.iso(recordedAtMicros) + "\",\"hash\":\"" + hashHex() + "\"}";
    }

    /** The {@code --anchor} form. */
    public String anchor() {
        return seq + ":" + hashHex();
    }
}
