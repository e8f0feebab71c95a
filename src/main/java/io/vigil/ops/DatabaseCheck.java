package io.vigil.ops;

import java.sql.Connection;
import javax.sql.DataSource;

/** PostgreSQL as the stages see it: a connection from the receiver's pool answers within a second. */
final class DatabaseCheck implements HealthCheck {

    private final DataSource pool;

    DatabaseCheck(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Health check() throws Exception {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1) ? Health.up("connection valid") : Health.down("connection not valid");
        }
    }
}
