package io.vigil.automation.sitetest;

import io.vigil.automation.Jdbc;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.Signal;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.support.NameBasedUuid;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Periodic-test supervision (docs/automation.md): a site whose last test report (or, before the
 * first, its interval's creation) is older than its interval plus grace gets a {@code test_missed}
 * incident, one per deadline (a name-based event id of site and deadline), apart from heartbeats.
 */
public final class TestSupervisor {

    private static final NameBasedUuid IDS = new NameBasedUuid(UUID.fromString("0d6b8e21-3f4a-4c59-b7e2-6a1c9d3e5f70"));

    private final SiteTestStore store;
    private final IncidentEngine incidents;
    private final Clock clock;
    private final Duration settle;

    public TestSupervisor(SiteTestStore store, IncidentEngine incidents, Clock clock, Duration settle) {
        this.store = store;
        this.incidents = incidents;
        this.clock = clock;
        this.settle = settle;
    }

    /** One tick: the missed tests raised. */
    public int check() {
        Instant now = clock.instant().minus(settle);
        record Due(String siteId, Instant due, Duration interval) {}
        List<Due> due = Jdbc.inTransaction(store.dataSource(), "cannot read the test intervals", c -> {
            List<Due> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT site_id, coalesce(last_test_at, created_at)"
                    + " + make_interval(secs => interval_s + grace_s) AS due, interval_s FROM site_test_intervals"
                    + " WHERE coalesce(last_test_at, created_at) + make_interval(secs => interval_s + grace_s) <= ?"
                    + " AND (raised_for IS NULL OR raised_for < coalesce(last_test_at, created_at)"
                    + " + make_interval(secs => interval_s + grace_s)) ORDER BY site_id")) {
                s.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Due(rs.getString(1), rs.getTimestamp(2).toInstant(), Duration.ofSeconds(rs.getInt(3))));
                    }
                }
            }
            return found;
        });
        if (due.isEmpty()) {
            return 0;
        }
        List<Signal> signals = new ArrayList<>();
        for (Due d : due) {
            signals.add(new Signal(IDS.name().text(d.siteId()).text(d.due().toString()).uuid(), d.siteId(), null,
                    EventClass.SUPERVISORY, EventCategory.TEST_MISSED, null, "test_missed", null, null, null, 3,
                    "No periodic test report within " + d.interval() + " (and grace)", d.due(), d.due(),
                    Signal.Source.EVENT));
        }
        incidents.process(signals);
        Jdbc.inTransaction(store.dataSource(), "cannot record the raised test misses", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE site_test_intervals SET raised_for = ? WHERE site_id = ?")) {
                for (Due d : due) {
                    s.setTimestamp(1, Timestamp.from(d.due()));
                    s.setString(2, d.siteId());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
        return due.size();
    }
}
