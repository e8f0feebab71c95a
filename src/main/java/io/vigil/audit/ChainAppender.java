package io.vigil.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Appends one batch of entries to the chain in one transaction (docs/audit.md, "Appending"):
 * chain lock, head, repeat check, hashes, one insert. Knows nothing about threads or queues.
 */
final class ChainAppender {

    /** Key of the transaction-scoped advisory lock every appender of every process takes. */
    static final long CHAIN_LOCK = 0x76_69_67_69_6c_61_75_64L; // "vigilaud"

    private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
    private static final String EXISTING = "SELECT kind, dedup_key, seq FROM audit_log WHERE dedup_key = ANY (?)";
    private static final String ENSURE_PARTITION = "SELECT audit_log_ensure_partition(?)";
    private static final String INSERT = "INSERT INTO audit_log (seq, recorded_at, format, kind, actor_type, actor_id,"
            + " site_id, incident_id, event_id, reason, details, dedup_key, prev_hash, hash)"
            + " SELECT u.seq, ?::timestamptz, ?::smallint, u.kind, u.actor_type, u.actor_id, u.site_id, u.incident_id, u.event_id, u.reason,"
            + " u.details::json, u.dedup_key, u.prev_hash, u.hash"
            + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::bytea[], ?::bytea[])"
            + " AS u(seq, kind, actor_type, actor_id, site_id, incident_id, event_id, reason, details, dedup_key,"
            + " prev_hash, hash)";

    private final CanonicalRow canonical = new CanonicalRow();
    // months whose partition (and the next month's) this process has seen to exist
    private final Set<YearMonth> partitionsReady = new HashSet<>();

    /** The result of one batch: a receipt per entry, in order, and the head after it. */
    record Outcome(List<AuditReceipt> receipts, Optional<AuditHead> head) {}

    Outcome append(Connection connection, List<AuditEntry> entries, Instant now) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Outcome outcome = appendInTransaction(connection, entries, now);
            connection.commit();
            return outcome;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            partitionsReady.clear(); // the rollback may have undone a partition this batch created
            throw e;
        }
    }

    private Outcome appendInTransaction(Connection connection, List<AuditEntry> entries, Instant now)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setLong(1, CHAIN_LOCK);
            lock.execute();
        }
        Optional<AuditHead> head = AuditHead.read(connection);
        // never backwards along seq, even if this host's clock is behind the last appender's
        long micros = Math.max(AuditRow.micros(now), head.map(AuditHead::recordedAtMicros).orElse(Long.MIN_VALUE));
        Map<String, Long> recorded = existing(connection, entries);

        List<AuditReceipt> receipts = new ArrayList<>(entries.size());
        List<AuditRow> rows = new ArrayList<>(entries.size());
        long seq = head.map(AuditHead::seq).orElse(0L);
        byte[] prevHash = head.map(AuditHead::hash).orElse(CanonicalRow.GENESIS);
        for (AuditEntry entry : entries) {
            String key = repeatKey(entry);
            Long earlier = key == null ? null : recorded.get(key);
            if (earlier != null) {
                receipts.add(new AuditReceipt.AlreadyRecorded(earlier));
                continue;
            }
            seq++;
            AuditRow row = AuditRow.of(entry, seq, micros, prevHash, null);
            byte[] hash = canonical.hash(prevHash, row);
            rows.add(row.withHashes(prevHash, hash));
            receipts.add(new AuditReceipt.Appended(seq, Hex.of(hash)));
            if (key != null) {
                recorded.put(key, seq); // a repeat later in the same batch
            }
            prevHash = hash;
        }
        if (rows.isEmpty()) {
            return new Outcome(receipts, head);
        }
        ensurePartitions(connection, micros);
        insert(connection, rows);
        AuditRow last = rows.get(rows.size() - 1);
        return new Outcome(receipts, Optional.of(new AuditHead(last.seq(), micros, last.hash())));
    }

    private static String repeatKey(AuditEntry entry) {
        // kind and key, separated by a character a kind cannot contain
        return entry.dedupKey() == null ? null : entry.kind() + " " + entry.dedupKey();
    }

    private static Map<String, Long> existing(Connection connection, List<AuditEntry> entries) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        String[] keys = entries.stream().map(AuditEntry::dedupKey).filter(k -> k != null).distinct().toArray(String[]::new);
        if (keys.length == 0) {
            return found;
        }
        try (PreparedStatement statement = connection.prepareStatement(EXISTING)) {
            statement.setArray(1, connection.createArrayOf("text", keys));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.merge(rs.getString(1) + " " + rs.getString(2), rs.getLong(3), Math::min);
                }
            }
        }
        return found;
    }

    // the month being written and the next one, so that a month never starts on a missing partition
    private void ensurePartitions(Connection connection, long micros) throws SQLException {
        YearMonth month = YearMonth.from(Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        if (partitionsReady.contains(month)) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(ENSURE_PARTITION)) {
            for (YearMonth m : List.of(month, month.plusMonths(1))) {
                statement.setObject(1, m.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                statement.execute();
            }
        }
        partitionsReady.add(month);
    }

    private static void insert(Connection connection, List<AuditRow> rows) throws SQLException {
        int n = rows.size();
        Long[] seqs = new Long[n];
        String[][] text = new String[9][n];
        byte[][] prevHashes = new byte[n][];
        byte[][] hashes = new byte[n][];
        for (int i = 0; i < n; i++) {
            AuditRow row = rows.get(i);
            seqs[i] = row.seq();
            text[0][i] = row.kind();
            text[1][i] = row.actorType();
            text[2][i] = row.actorId();
            text[3][i] = row.siteId();
            text[4][i] = row.incidentId();
            text[5][i] = row.eventId();
            text[6][i] = row.reason();
            text[7][i] = row.details();
            text[8][i] = row.dedupKey();
            prevHashes[i] = row.prevHash();
            hashes[i] = row.hash();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            int p = 1;
            statement.setObject(p++, OffsetDateTime.ofInstant(rows.get(0).recordedAt(), ZoneOffset.UTC));
            statement.setShort(p++, (short) CanonicalRow.FORMAT);
            statement.setArray(p++, connection.createArrayOf("bigint", seqs));
            for (String[] column : text) {
                statement.setArray(p++, connection.createArrayOf("text", column));
            }
            Array prev = connection.createArrayOf("bytea", prevHashes);
            Array own = connection.createArrayOf("bytea", hashes);
            statement.setArray(p++, prev);
            statement.setArray(p, own);
            int inserted = statement.executeUpdate();
            if (inserted != n) {
                throw new SQLException("audit insert wrote " + inserted + " of " + n + " rows");
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
