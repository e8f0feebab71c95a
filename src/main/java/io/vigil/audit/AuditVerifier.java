package io.vigil.audit;

import io.vigil.audit.VerifyResult.Broken;
import io.vigil.audit.VerifyResult.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * Walks the chain in seq order and reports the first broken row (docs/audit.md, "What verify
 * proves"). Streams through a server-side cursor: memory stays flat however long the chain.
 */
public final class AuditVerifier {

    /** An externally kept head: "row {@code seq} had hash {@code hash}" ({@code vigil audit head}). */
    public record Anchor(long seq, byte[] hash) {

        public Anchor {
            if (seq < 0 || hash == null || hash.length != CanonicalRow.HASH_BYTES) {
                throw new IllegalArgumentException("an anchor is SEQ:HASH with a 64-digit hex SHA-256");
            }
        }

        /** Parses {@code SEQ:HEXHASH}. */
        public static Anchor parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("an anchor is SEQ:HASH, e.g. 1042:9f86d08...");
            }
            try {
                return new Anchor(Long.parseLong(text.substring(0, colon).trim()), Hex.parse(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("an anchor is SEQ:HASH with a decimal SEQ and a hex HASH");
            }
        }
    }

    /** What to verify: a time range (either end open) and an optional anchor. */
    public record Range(Instant from, Instant to, Anchor anchor) {
        public static final Range ALL = new Range(null, null, null);
    }

    private final DataSource dataSource;
    private final int fetchSize;

    public AuditVerifier(DataSource dataSource, int fetchSize) {
        this.dataSource = dataSource;
        this.fetchSize = fetchSize;
    }

    public VerifyResult verify(Range range) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(AuditRows.COLUMNS).append(" FROM audit_log WHERE true");
        if (range.from() != null) {
            sql.append(" AND recorded_at >= ?");
        }
        if (range.to() != null) {
            sql.append(" AND recorded_at < ?");
        }
        // recorded_at only orders rows that claim the same seq, so that a duplicate is reported stably
        sql.append(" ORDER BY seq, recorded_at");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setFetchSize(fetchSize);
                int p = 1;
                if (range.from() != null) {
                    statement.setObject(p++, OffsetDateTime.ofInstant(range.from(), ZoneOffset.UTC));
                }
                if (range.to() != null) {
                    statement.setObject(p, OffsetDateTime.ofInstant(range.to(), ZoneOffset.UTC));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    return walk(rs, range);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private static VerifyResult walk(ResultSet rs, Range range) throws SQLException {
        Walk walk = new Walk(range);
        while (rs.next()) {
            Broken broken = walk.check(AuditRows.read(rs));
            if (broken != null) {
                return broken;
            }
        }
        return walk.end();
    }

    /** The state of one walk: the row before, and the checks each next row must pass. */
    private static final class Walk {
        private final CanonicalRow canonical = new CanonicalRow();
        private final Range range;
        private AuditRow previous;
        private Long firstSeq;
        private long checked;

        Walk(Range range) {
            this.range = range;
        }

        Broken check(AuditRow row) {
            Broken broken = previous == null ? checkStart(row) : checkLink(row);
            if (broken != null) {
                return broken;
            }
            if (!CanonicalRow.isKnownFormat(row.format())) {
                return broken(row, Problem.UNKNOWN_FORMAT, "row " + row.seq() + " has canonical format " + row.format()
                        + ", which this version of Vigil does not know");
            }
            if (!Arrays.equals(canonical.hash(row.prevHash(), row), row.hash())) {
                return broken(row, Problem.HASH_MISMATCH, "row " + row.seq()
                        + " does not match its hash: its content was changed after it was written");
            }
            Anchor anchor = range.anchor();
            if (anchor != null && anchor.seq() == row.seq() && !Arrays.equals(anchor.hash(), row.hash())) {
                return broken(row, Problem.ANCHOR_MISMATCH, "row " + row.seq() + " has hash " + Hex.of(row.hash())
                        + " but the anchor says " + Hex.of(anchor.hash()) + ": the chain up to here was rewritten");
            }
            if (firstSeq == null) {
                firstSeq = row.seq();
            }
            previous = row;
            checked++;
            return null;
        }

        private Broken checkStart(AuditRow row) {
            Anchor anchor = range.anchor();
            if (anchor != null && anchor.seq() == row.seq() - 1) {
                // the anchor is the head of the detached (or skipped) rows just before this one
                if (!Arrays.equals(anchor.hash(), row.prevHash())) {
                    return broken(row, Problem.ANCHOR_MISMATCH, "row " + row.seq() + " does not follow the anchor "
                            + anchor.seq() + ":" + Hex.of(anchor.hash()));
                }
                return null;
            }
            if (anchor != null && anchor.seq() < row.seq() - 1 && range.from() == null) {
                return broken(row, Problem.ANCHOR_MISMATCH, "the chain starts at row " + row.seq()
                        + ", so rows " + (anchor.seq() + 1) + " to " + (row.seq() - 1) + " after the anchor are missing");
            }
            if (row.seq() == 1) {
                if (!Arrays.equals(CanonicalRow.GENESIS, row.prevHash())) {
                    return broken(row, Problem.NOT_GENESIS, "row 1 does not start from the genesis hash (32 zero bytes)");
                }
                return null;
            }
            if (range.from() != null || (anchor != null && anchor.seq() >= row.seq())) {
                return null; // the walk starts mid-chain by request: the first prev_hash is taken on trust
            }
            return broken(row, Problem.NOT_GENESIS, "the chain starts at row " + row.seq() + ", not 1: rows 1 to "
                    + (row.seq() - 1) + " are missing (detached or deleted); pass --anchor with the exported head"
                    + " of the rows before it");
        }

        private Broken checkLink(AuditRow row) {
            long expected = previous.seq() + 1;
            if (row.seq() == previous.seq()) {
                return broken(row, Problem.DUPLICATE_SEQ, "two rows have seq " + row.seq() + ": a row was inserted");
            }
            if (row.seq() != expected) {
                return broken(row, Problem.SEQ_GAP, "row " + expected + (row.seq() - expected > 1 ? " to " + (row.seq() - 1) : "")
                        + " missing: the chain jumps from " + previous.seq() + " to " + row.seq() + " (rows deleted)");
            }
            if (!Arrays.equals(row.prevHash(), previous.hash())) {
                return broken(row, Problem.PREV_HASH_MISMATCH, "row " + row.seq() + " does not follow row "
                        + previous.seq() + ": a row was inserted before it, or row " + previous.seq()
                        + " was changed and re-hashed");
            }
            if (row.recordedAtMicros() < previous.recordedAtMicros()) {
                return broken(row, Problem.TIME_REGRESSION, "row " + row.seq() + " was recorded before row "
                        + previous.seq() + ": rows were reordered or back-dated");
            }
            return null;
        }

        VerifyResult end() {
            Anchor anchor = range.anchor();
            boolean anchorInRange = anchor != null && range.to() == null;
            if (anchorInRange && (previous == null ? anchor.seq() > 0 : anchor.seq() > previous.seq())) {
                long last = previous == null ? 0 : previous.seq();
                return new Broken(checked, anchor.seq(), Problem.ANCHOR_MISMATCH, "the chain ends at row " + last
                        + " but the anchor says row " + anchor.seq() + " existed: rows at the end were deleted", null);
            }
            AuditHead head = previous == null ? null
                    : new AuditHead(previous.seq(), previous.recordedAtMicros(), previous.hash());
            return new VerifyResult.Intact(checked, firstSeq, head);
        }

        private Broken broken(AuditRow row, Problem problem, String explanation) {
            return new Broken(checked, row.seq(), problem, explanation, row);
        }
    }
}
