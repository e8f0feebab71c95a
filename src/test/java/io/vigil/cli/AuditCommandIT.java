package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/** vigil audit verify|query|head as an operator runs them: output and exit codes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditCommandIT {

    private static TestDatabase database;
    private static VigilProperties properties;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void fiveRows() throws Exception {
        database = TestDatabase.createMigrated();
        properties = TestEnvironment.get().properties(Map.of("vigil.db.url", database.config().url()));
        try (HikariDataSource pool = Database.appPool(database.config(), "audit-cli-test");
             PostgresAuditLog log = PostgresAuditLog.start(pool, AuditConfig.DEFAULTS)) {
            List<AuditEntry> entries = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                entries.add(AuditEntry.signalAccepted("site-" + i, "ev-" + i));
            }
            entries.add(AuditEntry.signalQuarantined("site-1", "ev-x", "Robert'); --\nforged log line"));
            log.appendAll(entries).get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    @Order(1)
    void theAuditCommandsAreRegistered() {
        CommandLine audit = VigilCli.commandLine().getSubcommands().get("audit");
        assertThat(audit).isNotNull();
        assertThat(audit.getSubcommands()).containsKeys("verify", "query", "head");
    }

    @Test
    @Order(2)
    void headPrintsTheNewestRow() {
        Run run = run("head");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{\"seq\":6,\"recorded_at\":\"").containsPattern("\"hash\":\"[0-9a-f]{64}\"");
    }

    @Test
    @Order(3)
    void queryPrintsJsonLinesOrCsvAndRefusesUnknownFormats() {
        Run jsonl = run("query", "--site", "site-1");
        assertThat(jsonl.exitCode()).isZero();
        assertThat(jsonl.out().lines()).hasSize(2);
        assertThat(jsonl.out()).contains("\"reason\":\"Robert'); --\\nforged log line\"");

        Run csv = run("query", "--event", "ev-x", "--format", "csv", "--from", "2000-01-01", "--to", "2100-01-01T00:00:00Z");
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.out()).startsWith("seq,recorded_at,").contains("\"Robert'); --\nforged log line\"");

        assertThat(run("query", "--format", "xml").exitCode()).isEqualTo(2);
        assertThat(run("query", "--from", "yesterday").exitCode()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void verifyExitsZeroWhenIntact() {
        Run run = run("verify");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("intact: 6 rows, seq 1..6, head 6:");
    }

    @Test
    @Order(5)
    void verifyExitsOneWithTheFirstBrokenRow() throws Exception {
        String anchor = run("head").out().replaceAll(".*\"seq\":(\\d+).*\"hash\":\"([0-9a-f]+)\".*\\s*", "$1:$2");
        tamper("UPDATE audit_log SET reason = ? WHERE seq = ?", "'; DROP TABLE audit_log; --", 3L);

        Run run = run("verify");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("BROKEN at seq 3: HASH_MISMATCH").contains("\"reason\":\"'; DROP TABLE audit_log; --\"");
        assertThat(run("verify", "--anchor", anchor).exitCode()).isEqualTo(1);
        // the tampered row's text never reaches the terminal raw
        assertThat(run("verify").out().lines()).hasSize(3);
    }

    @Test
    @Order(6)
    void verifyExitsThreeWhenItCannotVerifyAndTwoOnBadArguments() {
        assertThat(run("verify", "--anchor", "not-an-anchor").exitCode()).isEqualTo(2);
        VigilProperties unreachable = properties.with(Map.of("vigil.db.url", "jdbc:postgresql://127.0.0.1:1/nothing"
                + "?connectTimeout=2&loginTimeout=2"));
        Run run = run(unreachable, "verify");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("could not verify");
    }

    private static Run run(String... args) {
        return run(properties, args);
    }

    private static Run run(VigilProperties props, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AuditCommand.commandLine(() -> props);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void tamper(String sql, Object... values) throws Exception {
        var c = database.config();
        try (Connection owner = DriverManager.getConnection(c.url(), c.ownerUser(), c.ownerPassword())) {
            owner.setAutoCommit(false);
            try (Statement st = owner.createStatement()) {
                st.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            }
            try (PreparedStatement statement = owner.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                statement.execute();
            }
            try (Statement st = owner.createStatement()) {
                st.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            }
            owner.commit();
        }
    }
}
