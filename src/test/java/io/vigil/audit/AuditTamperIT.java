package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.VerifyResult.Broken;
import io.vigil.audit.VerifyResult.Intact;
import io.vigil.audit.VerifyResult.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** verify against a chain that an attacker with the owner role changed behind the application's back. */
class AuditTamperIT {

    private static final Clock CLOCK = Clock.fixed(Instant.now(), ZoneOffset.UTC);

    private AuditTestDatabase db;

    @BeforeEach
    void tenRows() throws Exception {
        db = AuditTestDatabase.create();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            entries.add(AuditEntry.signalAccepted("site-000" + (i % 3), "ev-" + i).details("{\"n\":" + i + "}"));
        }
        db.append(entries, CLOCK);
        assertThat(db.verify()).isInstanceOfSatisfying(Intact.class, intact -> {
            assertThat(intact.rowsChecked()).isEqualTo(10);
            assertThat(intact.head().seq()).isEqualTo(10);
        });
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void anEditedRowFailsItsOwnHash() throws Exception {
        db.tamper("UPDATE audit_log SET reason = ? WHERE seq = ?", "operator told me to", 4L);

        Broken broken = broken(db.verify());
        assertThat(broken.seq()).isEqualTo(4);
        assertThat(broken.problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(broken.row().reason()).isEqualTo("operator told me to");
        assertThat(broken.rowsChecked()).isEqualTo(3);
    }

    @Test
    void anEditedAndRehashedRowBreaksTheLinkOfTheNextRow() throws Exception {
        AuditRow original = row(5);
        AuditRow edited = new AuditRow(5, original.recordedAtMicros(), 1, original.kind(), original.actorType(),
                original.actorId(), "site-9999", null, original.eventId(), null, original.details(),
                original.dedupKey(), original.prevHash(), null);
        byte[] newHash = new CanonicalRow().hash(original.prevHash(), edited);
        db.tamper("UPDATE audit_log SET site_id = ?, hash = ? WHERE seq = ?", "site-9999", newHash, 5L);

        Broken broken = broken(db.verify());
        assertThat(broken.seq()).isEqualTo(6);
        assertThat(broken.problem()).isEqualTo(Problem.PREV_HASH_MISMATCH);
    }

    @Test
    void aDeletedRowLeavesAGap() throws Exception {
        db.tamper("DELETE FROM audit_log WHERE seq = ?", 7L);

        Broken broken = broken(db.verify());
        assertThat(broken.seq()).isEqualTo(8);
        assertThat(broken.problem()).isEqualTo(Problem.SEQ_GAP);
        assertThat(broken.explanation()).contains("row 7 missing");
    }

    @Test
    void anInsertedRowWithTheRestRenumberedBreaksTheLinkAfterIt() throws Exception {
        // the careful attacker: make room at 4, insert a well-formed, correctly hashed row there
        AuditRow third = row(3);
        // two steps, because the primary key is checked row by row
        db.tamper("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= ?", 4L);
        db.tamper("UPDATE audit_log SET seq = seq - 999 WHERE seq >= ?", 1000L);
        AuditRow forged = new AuditRow(4, third.recordedAtMicros(), 1, "signal.accepted", "system", "trust",
                "site-0001", null, "ev-forged", null, null, "ev-forged", third.hash(), null);
        insert(forged.withHashes(third.hash(), new CanonicalRow().hash(third.hash(), forged)));

        Broken broken = broken(db.verify());
        assertThat(broken.seq()).isEqualTo(5);
        assertThat(broken.problem()).isEqualTo(Problem.PREV_HASH_MISMATCH);
    }

    @Test
    void anInsertedRowWithADuplicateSeqIsFound() throws Exception {
        AuditRow third = row(3);
        // one microsecond later than the real row 4: the primary key is (seq, recorded_at)
        AuditRow forged = new AuditRow(4, third.recordedAtMicros() + 1, 1, "operator.action", "operator", "mallory",
                null, null, null, "nothing happened", null, null, third.hash(), null);
        insert(forged.withHashes(third.hash(), new CanonicalRow().hash(third.hash(), forged)));

        Broken broken = broken(db.verify());
        assertThat(broken.seq()).isEqualTo(4);
        assertThat(broken.problem()).isEqualTo(Problem.DUPLICATE_SEQ);
    }

    @Test
    void aRewrittenChainIsOnlyFoundAgainstAnExportedHead() throws Exception {
        AuditHead exported = head();
        rewriteFrom(6);

        assertThat(db.verify()).isInstanceOf(Intact.class); // consistent in itself: verify alone cannot tell
        Broken broken = broken(db.verify(new AuditVerifier.Range(null, null,
                new AuditVerifier.Anchor(exported.seq(), exported.hash()))));
        assertThat(broken.seq()).isEqualTo(10);
        assertThat(broken.problem()).isEqualTo(Problem.ANCHOR_MISMATCH);
    }

    @Test
    void aTruncatedTailIsOnlyFoundAgainstAnExportedHead() throws Exception {
        AuditHead exported = head();
        db.tamper("DELETE FROM audit_log WHERE seq >= ?", 9L);

        assertThat(db.verify()).isInstanceOf(Intact.class);
        Broken broken = broken(db.verify(new AuditVerifier.Range(null, null,
                new AuditVerifier.Anchor(exported.seq(), exported.hash()))));
        assertThat(broken.problem()).isEqualTo(Problem.ANCHOR_MISMATCH);
        assertThat(broken.explanation()).contains("ends at row 8");
    }

    @Test
    void aDeletedStartNeedsTheAnchorOfTheRowsBeforeIt() throws Exception {
        AuditRow third = row(3);
        db.tamper("DELETE FROM audit_log WHERE seq <= ?", 3L);

        assertThat(broken(db.verify()).problem()).isEqualTo(Problem.NOT_GENESIS);
        assertThat(db.verify(new AuditVerifier.Range(null, null, new AuditVerifier.Anchor(3, third.hash()))))
                .isInstanceOf(Intact.class);
        assertThat(broken(db.verify(new AuditVerifier.Range(null, null, new AuditVerifier.Anchor(3, new byte[32]))))
                .problem()).isEqualTo(Problem.ANCHOR_MISMATCH);
    }

    @Test
    void aBackdatedRowIsFound() throws Exception {
        AuditRow original = row(6);
        AuditRow backdated = new AuditRow(6, original.recordedAtMicros() - 3_600_000_000L, 1, original.kind(),
                original.actorType(), original.actorId(), original.siteId(), original.incidentId(), original.eventId(),
                original.reason(), original.details(), original.dedupKey(), original.prevHash(), null);
        byte[] hash = new CanonicalRow().hash(original.prevHash(), backdated);
        // a consistent rewrite of row 6 only: its hash and row 7's link both fixed up
        db.tamper("UPDATE audit_log SET recorded_at = recorded_at - interval '1 hour', hash = ? WHERE seq = ?", hash, 6L);
        db.tamper("UPDATE audit_log SET prev_hash = ? WHERE seq = ?", hash, 7L);

        Broken broken = broken(db.verify());
        assertThat(broken.problem()).isIn(Problem.TIME_REGRESSION, Problem.HASH_MISMATCH);
        assertThat(broken.seq()).isIn(6L, 7L);
    }

    @Test
    void aRangeStartsOnTrustAndStillFindsTamperingInsideIt() throws Exception {
        db.tamper("UPDATE audit_log SET details = ?::json WHERE seq = ?", "{\"n\": 8}", 8L);

        Instant from = row(1).recordedAt();
        Broken broken = broken(db.verify(new AuditVerifier.Range(from, from.plusSeconds(1), null)));
        assertThat(broken.seq()).isEqualTo(8);
        assertThat(broken.problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(db.verify(new AuditVerifier.Range(from.plusSeconds(1), null, null))).isInstanceOf(Intact.class);
    }

    private static Broken broken(VerifyResult result) {
        assertThat(result).isInstanceOf(Broken.class);
        return (Broken) result;
    }

    private AuditHead head() throws Exception {
        try (Connection connection = db.app().getConnection()) {
            return AuditHead.read(connection).orElseThrow();
        }
    }

    private AuditRow row(long seq) throws Exception {
        try (Connection connection = db.app().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT " + AuditRows.COLUMNS + " FROM audit_log WHERE seq = ?")) {
            statement.setLong(1, seq);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return AuditRows.read(rs);
            }
        }
    }

    /** Replaces rows seq.. with a different, internally consistent chain (owner role, trigger off). */
    private void rewriteFrom(long seq) throws Exception {
        byte[] prev = row(seq - 1).hash();
        CanonicalRow canonical = new CanonicalRow();
        for (long s = seq; s <= 10; s++) {
            AuditRow original = row(s);
            AuditRow forged = new AuditRow(s, original.recordedAtMicros(), 1, original.kind(), original.actorType(),
                    original.actorId(), "site-forged", null, original.eventId(), null, original.details(),
                    original.dedupKey(), prev, null);
            byte[] hash = canonical.hash(prev, forged);
            db.tamper("UPDATE audit_log SET site_id = ?, prev_hash = ?, hash = ? WHERE seq = ?", "site-forged", prev, hash, s);
            prev = hash;
        }
    }

    private void insert(AuditRow row) throws Exception {
        db.tamper("INSERT INTO audit_log (seq, recorded_at, format, kind, actor_type, actor_id, site_id, incident_id,"
                        + " event_id, reason, details, dedup_key, prev_hash, hash)"
                        + " VALUES (?, to_timestamp(0) + ? * interval '1 microsecond', 1, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?)",
                row.seq(), row.recordedAtMicros(), row.kind(), row.actorType(), row.actorId(), row.siteId(),
                row.incidentId(), row.eventId(), row.reason(), row.details(), row.dedupKey(), row.prevHash(), row.hash());
    }
}
