package io.vigil.automation.schedule;

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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Raises schedule exceptions as incidents (docs/automation.md, "Open/close schedules"): on each
 * tick, for every site with a schedule, the exceptions due between where it was last checked and
 * now less the settle time (reports still travelling through Kafka) become signals of their own
 * categories, correlated by the incident engine like any other. Each exception's event id is a
 * name-based UUID of site, kind and deadline, so a check repeated after a crash opens nothing twice.
 */
public final class ScheduleSupervisor {

    /** The longest stretch one check looks back (a receiver that was down longer starts from there). */
    public static final Duration MAX_CATCH_UP = Duration.ofDays(7);
    private static final NameBasedUuid IDS = new NameBasedUuid(UUID.fromString("5f0c9a52-7d31-4e8b-9a64-2b1e0c7d8f43"));
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private final ScheduleStore store;
    private final IncidentEngine incidents;
    private final Clock clock;
    private final Duration settle;

    public ScheduleSupervisor(ScheduleStore store, IncidentEngine incidents, Clock clock, Duration settle) {
        this.store = store;
        this.incidents = incidents;
        this.clock = clock;
        this.settle = settle;
    }

    /** One tick: raise what became due, then move every checked site on. Returns the exceptions raised. */
    public int check() {
        Instant to = clock.instant().minus(settle);
        int raised = 0;
        for (String site : scheduledSites()) {
            raised += check(site, to);
        }
        return raised;
    }

    private int check(String siteId, Instant to) {
        record Work(List<Signal> signals, Instant from) {}
        Work work = Jdbc.inTransaction(store.dataSource(), "cannot check the schedule", c -> {
            Instant checked;
            try (PreparedStatement s = c.prepareStatement("SELECT checked_until FROM site_schedules WHERE site_id = ?")) {
                s.setString(1, siteId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    checked = rs.getTimestamp(1).toInstant();
                }
            }
            if (!to.isAfter(checked)) {
                return null;
            }
            Instant from = checked.isBefore(to.minus(MAX_CATCH_UP)) ? to.minus(MAX_CATCH_UP) : checked;
            ScheduleStore.Stored stored = ScheduleStore.load(c, siteId).orElseThrow();
            List<ScheduleCheck.Report> reports = ScheduleStore.reports(c, siteId, from.minus(Duration.ofDays(2)), to);
            List<Signal> signals = new ArrayList<>();
            for (ScheduleCheck.Exception e : ScheduleCheck.due(stored.schedule(), reports, from, to)) {
                signals.add(signal(siteId, e, ZoneId.of(stored.timeZone())));
            }
            return new Work(signals, from);
        });
        if (work == null) {
            return 0;
        }
        if (!work.signals().isEmpty()) {
            incidents.process(work.signals());
        }
        Jdbc.inTransaction(store.dataSource(), "cannot record the schedule check", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE site_schedules SET checked_until = ? WHERE site_id = ? AND checked_until < ?")) {
                s.setTimestamp(1, Timestamp.from(to));
                s.setString(2, siteId);
                s.setTimestamp(3, Timestamp.from(to));
                s.executeUpdate();
            }
            return null;
        });
        return work.signals().size();
    }

    private List<String> scheduledSites() {
        return Jdbc.inTransaction(store.dataSource(), "cannot list scheduled sites", c -> {
            List<String> sites = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT site_id FROM site_schedules ORDER BY site_id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getString(1));
                }
            }
            return sites;
        });
    }

    static Signal signal(String siteId, ScheduleCheck.Exception e, ZoneId zone) {
        EventCategory category = EventCategory.fromWireName(e.kind().category());
        UUID id = IDS.name().text(siteId).text(e.kind().category()).text(e.due().toString()).uuid();
        String description = switch (e.kind()) {
            case LATE_TO_OPEN -> "Late to open: expected open at " + LOCAL.format(e.period().opens().atZone(zone));
            case FAIL_TO_CLOSE -> "Fail to close: expected closed at " + LOCAL.format(e.period().closes().atZone(zone));
            case UNSCHEDULED_OPEN -> "Opened outside the schedule at " + LOCAL.format(e.due().atZone(zone));
        };
        return new Signal(id, siteId, null, EventClass.SUPERVISORY, category, null, e.kind().category(), null, null,
                e.user(), 3, description, e.due(), e.due(), Signal.Source.EVENT);
    }
}
