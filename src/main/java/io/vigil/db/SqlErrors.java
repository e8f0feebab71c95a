package io.vigil.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells a passing database failure (worth retrying) from a permanent one. */
public final class SqlErrors {

    private SqlErrors() {}

    /**
     * Connection problems (class 08), transaction rollbacks such as serialisation failures and
     * deadlocks (40), insufficient resources (53), operator intervention such as a shutdown (57P)
     * and system errors (58) pass; constraint violations, syntax and permission errors do not.
     */
    public static boolean retriable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return true;
        }
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57P") || state.startsWith("58");
    }

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
}
