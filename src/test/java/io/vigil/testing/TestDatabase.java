package io.vigil.testing;

import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * A fresh, migrated database for one test class, created as the owner role next to the main one
 * and dropped on {@link #close()}. Works against the local services and against a container alike:
 * the server comes from {@link TestEnvironment}.
 */
public final class TestDatabase implements AutoCloseable {

    private final DatabaseConfig admin;
    private final DatabaseConfig config;
    private final String name;

    private TestDatabase(DatabaseConfig admin, String name) {
        this.admin = admin;
        this.name = name;
        this.config = admin.withUrl(replaceDatabase(admin.url(), name));
    }

    /** Creates an empty database (no migrations applied). */
    public static TestDatabase createEmpty() {
        DatabaseConfig admin = TestEnvironment.get().database();
        String name = "vigil_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(admin, "CREATE DATABASE " + name + " OWNER " + admin.ownerUser());
        execute(admin, "GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + admin.appUser());
        return new TestDatabase(admin, name);
    }

    /** Creates a database with every migration applied. */
    public static TestDatabase createMigrated() {
        TestDatabase database = createEmpty();
        Database.migrate(database.config());
        return database;
    }

    public DatabaseConfig config() {
        return config;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        // WITH (FORCE) may not terminate the application role's sessions (the owner is not a member of
        // it), and a closed pool's backends exit asynchronously. Refuse new sessions first, so that none
        // can start between the wait and the drop, then wait for the last ones to go
        // (an autovacuum worker, which has no user name, counts too: FORCE may not end it either).
        execute(admin, "REVOKE CONNECT, TEMPORARY ON DATABASE " + name + " FROM PUBLIC, " + admin.appUser());
        Awaitility.await("sessions on " + name + " to end").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50)).until(() -> otherSessions() == 0);
        execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private int otherSessions() throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.ownerUser(), admin.ownerPassword());
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND usename IS DISTINCT FROM ?")) {
            statement.setString(1, name);
            statement.setString(2, admin.ownerUser());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    // the names are generated above from a UUID, never from input: no injection possible
    private static void execute(DatabaseConfig admin, String ddl) {
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.ownerUser(), admin.ownerPassword());
             Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + ddl + "' on " + admin.url() + ": " + e.getMessage(), e);
        }
    }

    private static String replaceDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }
}
