package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Append-only: the application role lacks the grants, and the trigger stops everybody else. */
class AuditPrivilegesIT {

    private static AuditTestDatabase db;
    private static String partition;

    @BeforeAll
    static void oneRow() throws Exception {
        db = AuditTestDatabase.create();
        db.append(List.of(AuditEntry.operatorAction("alice", "acknowledge")), Clock.systemUTC());
        try (Connection owner = db.owner(); Statement st = owner.createStatement();
             ResultSet rs = st.executeQuery("SELECT tableoid::regclass::text FROM audit_log WHERE seq = 1")) {
            rs.next();
            partition = rs.getString(1);
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void theApplicationRoleMayInsertAndSelectButNotUpdateDeleteOrTruncate() throws Exception {
        try (Connection app = db.appConnection(); Statement st = app.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            for (String sql : List.of("UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log",
                    "TRUNCATE audit_log", "UPDATE " + partition + " SET reason = 'x'", "DELETE FROM " + partition,
                    "SELECT * FROM " + partition, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
                    "ALTER TABLE audit_log DETACH PARTITION " + partition)) {
                assertThatThrownBy(() -> st.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class, e ->
                        assertThat(e.getSQLState()).as(sql).isIn("42501")); // insufficient_privilege / must be owner
            }
        }
    }

    @Test
    void theTriggerStopsTheOwnerOnTheTableAndOnEachPartition() throws Exception {
        try (Connection owner = db.owner(); Statement st = owner.createStatement()) {
            for (String sql : List.of("UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log",
                    "UPDATE " + partition + " SET reason = 'x'", "DELETE FROM " + partition, "TRUNCATE " + partition)) {
                assertThatThrownBy(() -> st.execute(sql)).as(sql)
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void theTriggerStillHoldsIfTheGrantsAreWidenedByMistake() throws Exception {
        try (Connection owner = db.owner(); Statement st = owner.createStatement()) {
            st.execute("GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO " + db.config().appUser());
        }
        try (Connection app = db.appConnection(); Statement st = app.createStatement()) {
            assertThatThrownBy(() -> st.execute("UPDATE audit_log SET reason = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.execute("DELETE FROM audit_log")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.execute("TRUNCATE audit_log")).hasMessageContaining("append-only");
        } finally {
            try (Connection owner = db.owner(); Statement st = owner.createStatement()) {
                st.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM " + db.config().appUser());
            }
        }
        assertThat(db.verify()).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void theApplicationRoleCanCreateMonthlyPartitionsAndNothingElse() throws Exception {
        try (Connection app = db.appConnection(); Statement st = app.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT audit_log_ensure_partition('2031-07-15T12:00:00Z')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("audit_log_y2031m07");
            }
            assertThatThrownBy(() -> st.execute("CREATE TABLE audit_log_evil (x int)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
        // the new partition carries the guards too
        try (Connection owner = db.owner(); Statement st = owner.createStatement()) {
            assertThatThrownBy(() -> st.execute("TRUNCATE audit_log_y2031m07")).hasMessageContaining("append-only");
        }
    }

    @Test
    void retentionDetachesAMonthAsTheOwner() throws Exception {
        try (Connection app = db.appConnection(); Statement st = app.createStatement()) {
            st.execute("SELECT audit_log_ensure_partition('2019-03-01T00:00:00Z')");
        }
        try (Connection owner = db.owner(); Statement st = owner.createStatement()) {
            st.execute("ALTER TABLE audit_log DETACH PARTITION audit_log_y2019m03");
        }
        // a detached month is not silently re-created for new rows
        try (Connection app = db.appConnection(); Statement st = app.createStatement()) {
            assertThatThrownBy(() -> st.execute("SELECT audit_log_ensure_partition('2019-03-02T00:00:00Z')"))
                    .hasMessageContaining("detached");
        }
    }
}
