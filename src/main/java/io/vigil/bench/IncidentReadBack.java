package io.vigil.bench;

import io.vigil.db.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The far end of vigil_incidents: polls PostgreSQL every few milliseconds for events linked to the
 * benchmark sites' incidents ({@code incident_events}, written in the escalation stage's transaction,
 * read through its (incident_id, received_at) index) and counts each the first time it is visible. Arrival = when the poll saw the committed row, so latencies include
 * up to one poll interval ({@value #POLL_MILLIS} ms).
 */
final class IncidentReadBack implements Arrivals {

    static final long POLL_MILLIS = 10;
    /**
     * Rows are found by the event's receive time: each poll looks back this far behind the newest row of
     * the site seen so far, for the events of a batch that commit together but were received apart.
     */
    private static final Duration OVERLAP = Duration.ofSeconds(2);

    private final SignedAlarmPayload payload;
    private final DeliveryCounter counter;
    private final Connection connection;
    private final Set<UUID> seen = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    IncidentReadBack(DatabaseConfig database, String sitePrefix, SignedAlarmPayload payload, DeliveryCounter counter)
            throws SQLException {
        this.payload = payload;
        this.counter = counter;
        this.connection = DriverManager.getConnection(database.url(), database.appUser(), database.appPassword());
        Instant start = Instant.now();
        thread = new Thread(() -> poll(sitePrefix, start), "bench-incident-read-back");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(String sitePrefix, Instant start) {
        // per site: a site's events are in one partition, handled by one consumer in receive order, so the
        // newest committed receive time of a site is its frontier even when the stage lags behind
        Map<String, Instant> frontier = new java.util.HashMap<>();
        String pattern = sitePrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (PreparedStatement incidents = connection.prepareStatement(
                     "SELECT site_id, array_agg(id) FROM incidents WHERE site_id LIKE ? GROUP BY site_id");
             PreparedStatement events = connection.prepareStatement("SELECT event_id, received_at FROM incident_events"
                     + " WHERE incident_id = ANY (?) AND received_at >= ?")) {
            incidents.setString(1, pattern);
            while (running) {
                Map<String, java.sql.Array> sites = new java.util.HashMap<>();
                try (ResultSet rows = incidents.executeQuery()) {
                    while (rows.next()) {
                        sites.put(rows.getString(1), rows.getArray(2));
                    }
                }
                for (Map.Entry<String, java.sql.Array> site : sites.entrySet()) {
                    Instant since = frontier.getOrDefault(site.getKey(), start);
                    events.setArray(1, site.getValue());
                    events.setTimestamp(2, Timestamp.from(since.minus(OVERLAP)));
                    Instant newest = since;
                    try (ResultSet rows = events.executeQuery()) {
                        long now = MicroTime.now();
                        while (rows.next()) {
                            UUID eventId = rows.getObject(1, UUID.class);
                            Instant received = rows.getTimestamp(2).toInstant();
                            newest = received.isAfter(newest) ? received : newest;
                            if (seen.add(eventId)) {
                                BenchStamp stamp = payload.stampOf(eventId);
                                if (stamp == null) {
                                    counter.recordForeign();
                                } else {
                                    counter.record(stamp, now);
                                }
                            }
                        }
                    }
                    frontier.put(site.getKey(), newest);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(POLL_MILLIS * 1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    @Override
    public long received(BenchStamp.Phase phase) {
        rethrow();
        return counter.received(phase);
    }

    @Override
    public Map<BenchStamp.Phase, DeliveryTally> finish() {
        rethrow();
        return counter.tally();
    }

    private void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5_000);
        connection.close();
    }
}
