package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.db.Database;
import io.vigil.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lease rows and their fencing tokens against PostgreSQL (docs/cluster.md, "Leases"). */
class LeaseStoreIT {

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static TestDatabase database;
    private static HikariDataSource pool;

    private final String lease = "test-" + UUID.randomUUID();
    private final LeaseStore a = new LeaseStore(pool, "test-cluster", "node-a", UUID.randomUUID(), LEASE);
    private final LeaseStore b = new LeaseStore(pool, "test-cluster", "node-b", UUID.randomUUID(), LEASE);

    @BeforeAll
    static void database() {
        database = TestDatabase.createMigrated();
        pool = Database.appPool(database.config(), "lease-it");
    }

    @AfterAll
    static void drop() {
        pool.close();
        database.close();
    }

    @Test
    void aLeaseHasOneHolderAndChangesHandsOnlyWithAHigherToken() throws Exception {
        OptionalLong first = a.tryAcquire(lease);
        assertThat(first).hasValue(1);
        assertThat(b.tryAcquire(lease)).as("held by a").isEmpty();
        assertThat(a.renew(lease, 1)).hasValue(1);

        await("a's lease expired, b takes it").atMost(Duration.ofSeconds(10)).until(() -> b.tryAcquire(lease).isPresent());
        assertThat(token()).isEqualTo(2);
        assertThat(a.renew(lease, 1)).as("a lost it").isEmpty();
    }

    @Test
    void staleTokenCannotWrite() throws Exception {
        a.tryAcquire(lease);
        await("a paused past its lease, b took over").atMost(Duration.ofSeconds(10)).until(() -> b.tryAcquire(lease).isPresent());

        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> a.fence(c, lease, 1)).isInstanceOf(LeaseLostException.class);
            c.rollback();
            b.fence(c, lease, 2);
            c.commit();
        }
    }

    @Test
    void aLeaseDoesNotChangeHandsWhileItsHoldersFencedTransactionIsOpen() throws Exception {
        a.tryAcquire(lease);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            a.fence(c, lease, 1);
            assertThat(a.renew(lease, 1)).as("the holder renews while its own fenced transaction is open").hasValue(1);
            // asked inside a's transaction, which so stays busy (an idle one is ended after a lease duration)
            await("a's lease expired").atMost(Duration.ofSeconds(10)).until(() -> expired(c));
            assertThat(b.tryAcquire(lease)).as("a's fenced transaction is still open").isEmpty();
            c.commit();
        }
        assertThat(b.tryAcquire(lease)).hasValue(2);
    }

    @Test
    void aPausedHoldersOpenTransactionIsEndedAfterALeaseDuration() throws Exception {
        a.tryAcquire(lease);
        Connection c = pool.getConnection();
        c.setAutoCommit(false);
        a.fence(c, lease, 1);
        // a does nothing more (paused): PostgreSQL ends its idle transaction, b takes the lease
        await("b takes the lease of a paused holder").atMost(Duration.ofSeconds(10))
                .until(() -> b.tryAcquire(lease).isPresent());
        assertThatThrownBy(c::commit).as("a's transaction was ended").isInstanceOf(java.sql.SQLException.class);
        c.close(); // the pool discards the broken connection
    }

    @Test
    void secondInstanceOfANodeIdIsRefused() throws Exception {
        String node = "node-" + UUID.randomUUID();
        LeaseStore running = new LeaseStore(pool, "test-cluster", node, UUID.randomUUID(), Duration.ofMinutes(1));
        LeaseStore second = new LeaseStore(pool, "test-cluster", node, UUID.randomUUID(), Duration.ofMinutes(1));
        assertThat(running.registerNode()).isTrue();
        assertThat(second.registerNode()).as("the first still runs").isFalse();
        running.stopNode();
        assertThat(second.registerNode()).as("the first stopped cleanly").isTrue();
    }

    private long token() throws Exception {
        return query("SELECT token FROM cluster_lease WHERE name = ?");
    }

    private boolean expired(Connection c) throws Exception {
        return query(c, "SELECT CASE WHEN expires_at <= clock_timestamp() THEN 1 ELSE 0 END FROM cluster_lease WHERE name = ?") == 1;
    }

    private long query(String sql) throws Exception {
        try (Connection c = pool.getConnection()) {
            return query(c, sql);
        }
    }

    private long query(Connection c, String sql) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, lease);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
