package io.vigil.audit;

/** What {@link AuditVerifier} found. */
public sealed interface VerifyResult {

    /** Rows read before the walk ended. */
    long rowsChecked();

    /**
     * Every row in the range links to its predecessor and matches its hash.
     *
     * @param head the last row checked, or {@code null} when the range was empty
     */
    record Intact(long rowsChecked, Long firstSeq, AuditHead head) implements VerifyResult {}

    /**
     * The first broken row.
     *
     * @param seq the position where the chain breaks: the broken row's seq, or for a truncated tail
     *            the anchor's seq that no longer exists
     * @param row the offending row as stored, or {@code null} when the problem is a missing row at the end
     */
    record Broken(long rowsChecked, long seq, Problem problem, String explanation, AuditRow row)
            implements VerifyResult {}

    enum Problem {
        /** the row's content does not match its hash: the row was edited */
        HASH_MISMATCH,
        /** seq jumps: rows were deleted */
        SEQ_GAP,
        /** the row's prev_hash is not its predecessor's hash: a row was inserted, or the predecessor re-hashed */
        PREV_HASH_MISMATCH,
        /** two rows with one seq: a row was inserted */
        DUPLICATE_SEQ,
        /** recorded_at goes backwards along seq: rows were reordered or back-dated */
        TIME_REGRESSION,
        /** the first row is not the genesis row, and nothing says where the walk may start */
        NOT_GENESIS,
        /** the chain does not contain the externally anchored head: rewritten or truncated */
        ANCHOR_MISMATCH,
        /** a row in a canonical format this version does not know */
        UNKNOWN_FORMAT
    }
}
