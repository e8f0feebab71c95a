package io.vigil.automation.reminder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.audit.Actor;
import io.vigil.audit.AuditEntry;
import io.vigil.automation.Jdbc;
import io.vigil.escalation.policy.ReminderPolicy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reminders and tiers (docs/automation.md): on each tick, every acknowledged incident not yet
 * resolved whose tier is due tells that tier, once: a row in {@code incident_reminders} and, in the
 * same transaction, a {@code reminder} notification on the consoles' incident channel (delivered
 * only if the row committed); then an {@code incident.reminded} audit row.
 */
public final class ReminderSupervisor {

    public static final int MAX_PER_TICK = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One reminder sent. {@code told}: the operator who acknowledged, or the tier's group. */
    public record Reminder(UUID incidentId, String siteId, int tier, String told, Instant dueAt) {}

    private record Candidate(UUID id, String siteId, int priority, Instant acknowledgedAt, String acknowledgedBy) {}

    private final DataSource dataSource;
    private final ReminderPolicy policy;
    private final Clock clock;
    private final String channel;
    private final Consumer<AuditEntry> audit;

    public ReminderSupervisor(DataSource dataSource, ReminderPolicy policy, Clock clock, String channel,
                              Consumer<AuditEntry> audit) {
        this.dataSource = dataSource;
        this.policy = policy;
        this.clock = clock;
        this.channel = channel;
        this.audit = audit;
    }

    /** One tick: the reminders sent. */
    public List<Reminder> check() {
        if (policy.tiers().isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Reminder> sent = Jdbc.inTransaction(dataSource, "cannot send reminders", c -> {
            List<Candidate> candidates = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, site_id, priority, acknowledged_at, acknowledged_by"
                    + " FROM incidents WHERE state IN ('acknowledged', 'in_progress') AND acknowledged_at IS NOT NULL"
                    + " AND acknowledged_at <= ? ORDER BY acknowledged_at LIMIT ?")) {
                s.setTimestamp(1, Timestamp.from(now.minus(shortest())));
                s.setInt(2, MAX_PER_TICK);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                                rs.getTimestamp(4).toInstant(), rs.getString(5)));
                    }
                }
            }
            List<Reminder> reminders = new ArrayList<>();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO incident_reminders (incident_id, acknowledged_at,"
                    + " tier, told, due_at, sent_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
                 PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                for (Candidate k : candidates) {
                    for (int tier = 0; tier < policy.tiers().size(); tier++) {
                        Instant due = k.acknowledgedAt().plus(policy.after(k.priority(), tier));
                        if (due.isAfter(now)) {
                            break;
                        }
                        String told = policy.tiers().get(tier).equals("operator") ? k.acknowledgedBy() : policy.tiers().get(tier);
                        insert.setObject(1, k.id());
                        insert.setTimestamp(2, Timestamp.from(k.acknowledgedAt()));
                        insert.setInt(3, tier + 1);
                        insert.setString(4, told);
                        insert.setTimestamp(5, Timestamp.from(due));
                        insert.setTimestamp(6, Timestamp.from(now));
                        if (insert.executeUpdate() == 1) {
                            Reminder r = new Reminder(k.id(), k.siteId(), tier + 1, told, due);
                            notify.setString(1, channel);
                            notify.setString(2, payload(r));
                            notify.executeQuery().close();
                            reminders.add(r);
                        }
                    }
                }
            }
            return reminders;
        });
        for (Reminder r : sent) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("tier", r.tier());
            details.put("told", r.told());
            details.put("due_at", r.dueAt().toString());
            audit.accept(AuditEntry.of("incident.reminded", Actor.system("reminders")).site(r.siteId())
                    .incident(r.incidentId().toString()).details(details)
                    .dedupKey("reminder:" + r.incidentId() + ":" + r.tier() + ":" + r.dueAt()));
        }
        return sent;
    }

    private Duration shortest() {
        Duration shortest = null;
        for (int p = 1; p <= 5; p++) {
            Duration first = policy.after(p, 0);
            shortest = shortest == null || first.compareTo(shortest) < 0 ? first : shortest;
        }
        return shortest;
    }

    private static String payload(Reminder r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incident_id", r.incidentId().toString());
        body.put("change", "reminder");
        body.put("site_id", r.siteId());
        body.put("tier", r.tier());
        body.put("told", r.told());
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
