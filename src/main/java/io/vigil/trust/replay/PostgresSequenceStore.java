package io.vigil.trust.replay;

import io.vigil.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** {@code device_sequences} ({@code db/migration/V2__create_device_sequences.sql}). */
public final class PostgresSequenceStore implements SequenceStore {

    // all SET expressions see the old row: equal marks OR their windows, a higher incoming mark replaces
    private static final String UPSERT = """
            INSERT INTO device_sequences AS d (site_id, device_id, high_water, window_bits, updated_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (site_id, device_id) DO UPDATE SET
                window_bits = CASE
                    WHEN EXCLUDED.high_water > d.high_water THEN EXCLUDED.window_bits
                    WHEN EXCLUDED.high_water = d.high_water THEN d.window_bits | EXCLUDED.window_bits
                    ELSE d.window_bits END,
                high_water = GREATEST(d.high_water, EXCLUDED.high_water),
                updated_at = now()
            """;

    private final DataSource dataSource;

    public PostgresSequenceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<SequenceState> loadAll() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT site_id, device_id, high_water, window_bits FROM device_sequences")) {
            s.setFetchSize(10_000);
            List<SequenceState> states = new ArrayList<>();
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.add(new SequenceState(new DeviceKey(rs.getString(1), rs.getString(2)), rs.getLong(3),
                            rs.getLong(4)));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return states;
        } catch (SQLException e) {
            throw new SequenceStoreException("cannot load device sequences: " + e.getMessage(), SqlErrors.retriable(e), e);
        }
    }

    @Override
    public void save(Collection<SequenceState> states) {
        if (states.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(UPSERT)) {
            c.setAutoCommit(false);
            try {
                // a stable order keeps two receivers flushing the same devices from deadlocking
                List<SequenceState> sorted = new ArrayList<>(states);
                sorted.sort(java.util.Comparator.comparing((SequenceState st) -> st.device().site())
                        .thenComparing(st -> st.device().device()));
                for (SequenceState state : sorted) {
                    s.setString(1, state.device().site());
                    s.setString(2, state.device().device());
                    s.setLong(3, state.highWater());
                    s.setLong(4, state.windowBits());
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new SequenceStoreException("cannot save device sequences: " + e.getMessage(), SqlErrors.retriable(e), e);
        }
    }

    /** Loading or saving sequence state failed; {@link #retriable()} as in {@link SqlErrors}. */
    public static final class SequenceStoreException extends RuntimeException {
        private final boolean retriable;

        public SequenceStoreException(String message, boolean retriable, Throwable cause) {
            super(message, cause);
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }
}
