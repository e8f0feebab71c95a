package io.vigil.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Checked at the start of a transaction whose writes only the current holder of a lease may make
 * (docs/cluster.md, "Fencing"): throws, and so rolls the transaction back, when this process no
 * longer holds it. {@link #NONE} for work that needs no fence.
 */
@FunctionalInterface
public interface WriteFence {

    WriteFence NONE = connection -> { };

    void check(Connection connection) throws SQLException;
}
