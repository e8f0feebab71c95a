package io.vigil.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsIT {

    @Test
    void flywayMigratesAnEmptyDatabaseAndThenHasNothingLeftToDo() throws Exception {
        try (TestDatabase database = TestDatabase.createEmpty()) {
            int files = migrationFiles();

            assertThat(Database.migrate(database.config())).isEqualTo(files);
            assertThat(Database.migrate(database.config())).isZero();

            DatabaseConfig config = database.config();
            try (Connection owner = DriverManager.getConnection(config.url(), config.ownerUser(), config.ownerPassword());
                 ResultSet rs = owner.createStatement().executeQuery(
                         "SELECT count(*) FILTER (WHERE success), count(*) FROM flyway_schema_history WHERE version IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(files);
                assertThat(rs.getInt(2)).isEqualTo(files);
            }
            // the application role can connect to the migrated database
            try (Connection app = DriverManager.getConnection(config.url(), config.appUser(), config.appPassword())) {
                assertThat(app.isValid(5)).isTrue();
            }
        }
    }

    private static int migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__[a-z0-9_]+\\.sql")).count();
        }
    }
}
