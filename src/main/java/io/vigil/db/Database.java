package io.vigil.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Opens connection pools and applies the Flyway migrations of {@code db/migration}. */
public final class Database {

    /** Migrations ship in the jar (copied from the top-level db/migration folder at build time). */
    public static final String MIGRATIONS = "classpath:db/migration";

    private Database() {}

    /** The application's pool, as the application role. */
    public static HikariDataSource appPool(DatabaseConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.appUser());
        hikari.setPassword(config.appPassword());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "vigil");
        return new HikariDataSource(hikari);
    }

    /** Applies pending migrations as the schema owner; returns how many were applied. */
    public static int migrate(DatabaseConfig config) {
        MigrateResult result = Flyway.configure()
                .dataSource(config.url(), config.ownerUser(), config.ownerPassword())
                .locations(MIGRATIONS)
                .placeholders(java.util.Map.of("app_role", config.appUser()))
                .failOnMissingLocations(false)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
