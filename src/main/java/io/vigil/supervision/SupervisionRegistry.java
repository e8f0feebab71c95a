package io.vigil.supervision;

import io.vigil.supervision.SupervisionEngine;
import io.vigil.support.LogSafe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sites are supervised, from PostgreSQL: every enrolled site (V1 {@code sites}) that is not
 * disabled, with its own interval from {@code site_supervision} (V18) or the default. Sites are never
 * deleted, only disabled, so a full pass can register and unregister without holding every id in
 * memory; registering a site with unchanged settings changes nothing in the engine.
 */
final class SupervisionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisionRegistry.class);

    private final DataSource dataSource;
    private long seenVersion = Long.MIN_VALUE;

    SupervisionRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reconciles the engine with the registry if the registry changed since the last pass. */
    boolean refreshIfChanged(SupervisionEngine engine) throws SQLException {
        long version;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT version FROM supervision_registry_version");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            version = rs.getLong(1);
        }
        if (version == seenVersion) {
            return false;
        }
        reconcile(engine);
        seenVersion = version;
        return true;
    }

    /** Streams the whole registry into the engine. */
    void reconcile(SupervisionEngine engine) throws SQLException {
        int registered = 0;
        int unregistered = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor: ten million sites are never all in memory
            try (PreparedStatement s = c.prepareStatement("SELECT s.id, s.disabled_at IS NOT NULL, ss.interval_seconds"
                    + " FROM sites s LEFT JOIN site_supervision ss ON ss.site_id = s.id")) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String siteId = rs.getString(1);
                        try {
                            if (rs.getBoolean(2)) {
                                unregistered += engine.unregister(siteId) ? 1 : 0;
                            } else {
                                int seconds = rs.getInt(3);
                                boolean added = rs.wasNull() ? engine.register(siteId)
                                        : engine.register(siteId, Duration.ofSeconds(seconds));
                                registered += added ? 1 : 0;
                            }
                        } catch (IllegalArgumentException e) {
                            LOG.warn("site {} cannot be supervised: {}", LogSafe.quote(siteId), e.getMessage());
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        if (registered > 0 || unregistered > 0) {
            LOG.info("supervision: {} sites added, {} removed, {} supervised", registered, unregistered,
                    engine.stats().sites());
        }
    }
}
