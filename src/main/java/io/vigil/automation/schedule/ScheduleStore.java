package io.vigil.automation.schedule;

import io.vigil.automation.Jdbc;
import io.vigil.escalation.Signal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Schedules, open/close reports and the checker's progress in PostgreSQL (V32). */
public final class ScheduleStore {

    /** A schedule as stored and as the API shows it; the time zone is the site records'. */
    public record Stored(String timeZone, Duration openGrace, Duration closeGrace,
                         Map<DayOfWeek, List<OpeningSchedule.Window>> week, List<OpeningSchedule.DayOverride> days) {

        public OpeningSchedule schedule() {
            return new OpeningSchedule(ZoneId.of(timeZone), openGrace, closeGrace, week, days);
        }
    }

    private final DataSource dataSource;

    public ScheduleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Replaces the site's schedule; false when no such site. The checker goes on from where it was (or from now). */
    public boolean put(String siteId, Stored schedule, String actor, Instant now) {
        return Jdbc.inTransaction(dataSource, "cannot store the schedule", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sites WHERE id = ? FOR NO KEY UPDATE")) {
                s.setString(1, siteId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site_schedules (site_id, open_grace_s, close_grace_s,"
                    + " checked_until, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET"
                    + " open_grace_s = EXCLUDED.open_grace_s, close_grace_s = EXCLUDED.close_grace_s,"
                    + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")) {
                s.setString(1, siteId);
                s.setInt(2, (int) schedule.openGrace().toSeconds());
                s.setInt(3, (int) schedule.closeGrace().toSeconds());
                s.setTimestamp(4, Timestamp.from(now));
                s.setTimestamp(5, Timestamp.from(now));
                s.setString(6, actor);
                s.executeUpdate();
            }
            for (String table : List.of("site_schedule_windows", "site_schedule_days")) {
                // table is one of the two constants above, never caller text
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE site_id = ?")) {
                    s.setString(1, siteId);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site_schedule_windows (site_id, day_of_week, opens_at,"
                    + " closes_at) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<DayOfWeek, List<OpeningSchedule.Window>> day : schedule.week().entrySet()) {
                    for (OpeningSchedule.Window w : day.getValue()) {
                        s.setString(1, siteId);
                        s.setInt(2, day.getKey().getValue());
                        s.setTime(3, Time.valueOf(w.opens()));
                        s.setTime(4, Time.valueOf(w.closes()));
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site_schedule_days (site_id, day, opens_at, closes_at,"
                    + " reason) VALUES (?, ?, ?, ?, ?)")) {
                for (OpeningSchedule.DayOverride day : schedule.days()) {
                    List<OpeningSchedule.Window> windows = day.windows().isEmpty() ? java.util.Collections.singletonList(null)
                            : day.windows();
                    for (OpeningSchedule.Window w : windows) {
                        s.setString(1, siteId);
                        s.setDate(2, Date.valueOf(day.date()));
                        s.setTime(3, w == null ? null : Time.valueOf(w.opens()));
                        s.setTime(4, w == null ? null : Time.valueOf(w.closes()));
                        s.setString(5, day.reason());
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
            return true;
        });
    }

    public Optional<Stored> load(String siteId) {
        return Jdbc.inTransaction(dataSource, "cannot read the schedule", c -> load(c, siteId));
    }

    /** Stores open/close reports once each (the escalation batch may be replayed). */
    public void record(List<Signal> reports) {
        Jdbc.inTransaction(dataSource, "cannot store open/close reports", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site_open_close (event_id, site_id, at, open, user_id)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
                for (Signal r : reports) {
                    s.setObject(1, r.eventId());
                    s.setString(2, r.siteId());
                    s.setTimestamp(3, Timestamp.from(r.at()));
                    s.setBoolean(4, r.eventClass() == io.vigil.normalize.EventClass.OPEN);
                    s.setString(5, r.user());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    static Optional<Stored> load(Connection c, String siteId) throws SQLException {
        int openGrace;
        int closeGrace;
        String zone = "UTC";
        try (PreparedStatement s = c.prepareStatement("SELECT s.open_grace_s, s.close_grace_s, r.time_zone"
                + " FROM site_schedules s LEFT JOIN site_records r ON r.site_id = s.site_id WHERE s.site_id = ?")) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                openGrace = rs.getInt(1);
                closeGrace = rs.getInt(2);
                if (rs.getString(3) != null) {
                    zone = rs.getString(3);
                }
            }
        }
        Map<DayOfWeek, List<OpeningSchedule.Window>> week = new EnumMap<>(DayOfWeek.class);
        try (PreparedStatement s = c.prepareStatement("SELECT day_of_week, opens_at, closes_at FROM site_schedule_windows"
                + " WHERE site_id = ? ORDER BY day_of_week, opens_at")) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    week.computeIfAbsent(DayOfWeek.of(rs.getInt(1)), d -> new ArrayList<>())
                            .add(new OpeningSchedule.Window(rs.getTime(2).toLocalTime(), rs.getTime(3).toLocalTime()));
                }
            }
        }
        Map<LocalDate, List<OpeningSchedule.Window>> days = new LinkedHashMap<>();
        Map<LocalDate, String> reasons = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT day, opens_at, closes_at, reason FROM site_schedule_days"
                + " WHERE site_id = ? ORDER BY day, opens_at NULLS FIRST")) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = rs.getDate(1).toLocalDate();
                    List<OpeningSchedule.Window> windows = days.computeIfAbsent(day, d -> new ArrayList<>());
                    reasons.put(day, rs.getString(4));
                    if (rs.getTime(2) != null) {
                        windows.add(new OpeningSchedule.Window(rs.getTime(2).toLocalTime(), rs.getTime(3).toLocalTime()));
                    }
                }
            }
        }
        List<OpeningSchedule.DayOverride> overrides = new ArrayList<>();
        days.forEach((day, windows) -> overrides.add(new OpeningSchedule.DayOverride(day, windows, reasons.get(day))));
        return Optional.of(new Stored(zone, Duration.ofSeconds(openGrace), Duration.ofSeconds(closeGrace), week, overrides));
    }

    static List<ScheduleCheck.Report> reports(Connection c, String siteId, Instant from, Instant to) throws SQLException {
        List<ScheduleCheck.Report> reports = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT at, open, user_id FROM site_open_close"
                + " WHERE site_id = ? AND at >= ? AND at <= ? ORDER BY at, event_id")) {
            s.setString(1, siteId);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reports.add(new ScheduleCheck.Report(rs.getTimestamp(1).toInstant(), rs.getBoolean(2), rs.getString(3)));
                }
            }
        }
        return reports;
    }
}
