package io.vigil.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;

/**
 * What the commands that change the database from the shell share: migrate (unless
 * {@code vigil.db.migrate-on-start=false}), a small application pool, and an audit log to record the
 * act with, both closed afterwards.
 */
final class AuditedDatabase {

    private AuditedDatabase() {}

    interface Work<T> {
        T run(HikariDataSource pool, PostgresAuditLog audit) throws Exception;
    }

    static <T> T run(VigilProperties p, String poolName, Work<T> work) throws Exception {
        DatabaseConfig db = DatabaseConfig.from(p);
        if (p.getBoolean("vigil.db.migrate-on-start", true)) {
            Database.migrate(db);
        }
        try (HikariDataSource pool = Database.appPool(db.withPoolSize(2), poolName);
             PostgresAuditLog audit = PostgresAuditLog.start(pool, AuditConfig.from(p))) {
            return work.run(pool, audit);
        }
    }
}
