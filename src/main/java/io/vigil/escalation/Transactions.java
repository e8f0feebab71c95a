package io.vigil.escalation;

import io.vigil.db.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a unit of work in one PostgreSQL transaction: commit on success, rollback on any failure. */
final class Transactions {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {}

    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // a concurrent writer opened the same incident first: the retry will find and join it
            boolean raced = SqlErrors.UNIQUE_VIOLATION.equals(e.getSQLState());
            throw new EscalationException(what + ": " + e.getMessage(), e, raced || SqlErrors.retriable(e));
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction is gone anyway
        }
    }
}
