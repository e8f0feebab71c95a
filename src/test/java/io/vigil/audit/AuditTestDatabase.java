package io.vigil.audit;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A migrated test database with the audit table, the application role's pool and an owner's hands for tampering. */
final class AuditTestDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final HikariDataSource app;

    private AuditTestDatabase(TestDatabase database) {
        this.database = database;
        this.app = Database.appPool(database.config(), "audit-test");
    }

    static AuditTestDatabase create() {
        return new AuditTestDatabase(TestDatabase.createMigrated());
    }

    DatabaseConfig config() {
        return database.config();
    }

    /** The application role's pool: what the receiver, verify and query use. */
    HikariDataSource app() {
        return app;
    }

    Connection owner() throws SQLException {
        DatabaseConfig c = database.config();
        return DriverManager.getConnection(c.url(), c.ownerUser(), c.ownerPassword());
    }

    Connection appConnection() throws SQLException {
        DatabaseConfig c = database.config();
        return DriverManager.getConnection(c.url(), c.appUser(), c.appPassword());
    }

    PostgresAuditLog startLog(Clock clock) {
        return PostgresAuditLog.start(app, AuditConfig.DEFAULTS, clock);
    }

    /** Appends and waits until every entry is durable. */
    List<AuditReceipt> append(List<AuditEntry> entries, Clock clock) throws Exception {
        try (PostgresAuditLog log = startLog(clock)) {
            return log.appendAll(entries).get(30, TimeUnit.SECONDS);
        }
    }

    VerifyResult verify() throws SQLException {
        return verify(AuditVerifier.Range.ALL);
    }

    VerifyResult verify(AuditVerifier.Range range) throws SQLException {
        return new AuditVerifier(app, 1000).verify(range);
    }

    /**
     * What an attacker holding the owner role does: switch the append-only trigger off, change rows,
     * switch it back on, in one transaction. Values are bound parameters.
     */
    void tamper(String sql, Object... values) throws SQLException {
        try (Connection owner = owner()) {
            owner.setAutoCommit(false);
            try (Statement ddl = owner.createStatement()) {
                ddl.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            }
            try (PreparedStatement statement = owner.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                statement.execute();
            }
            try (Statement ddl = owner.createStatement()) {
                ddl.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            }
            owner.commit();
        }
    }

    @Override
    public void close() {
        app.close();
        database.close();
    }
}
