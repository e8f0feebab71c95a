package io.vigil.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The incident tables (db/migration V16, V17) through JDBC. Every method runs on the caller's
 * connection and transaction; every value is a bound parameter, never part of the SQL text.
 */
final class IncidentStore {

    static final String COLUMNS = "id, site_id, category, priority, state, title, opened_at, first_event_at,"
            + " last_event_at, last_event_id, event_count, zones, zone_seen, escalation_level, next_escalation_at,"
            + " confirmed, confirmed_at, runaway, restored_at, supervision_missed_at, acknowledged_by, acknowledged_at,"
            + " resolved_by, resolved_at, closed_by, closed_at, version, updated_at";

    private static final String OPEN = "('new', 'acknowledged', 'in_progress')";

    private static final String SERIALISE = "SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended("
            + "k.site_id || '/' || k.category, 0) AS h FROM unnest(?::text[], ?::text[]) AS k(site_id, category) ORDER BY 1) l";
    private static final String LOCK_KEYS = "SELECT o.* FROM unnest(?::text[], ?::text[]) AS k(site_id, category)"
            + " CROSS JOIN LATERAL (SELECT " + COLUMNS + " FROM incidents i WHERE i.site_id = k.site_id"
            + " AND i.category = k.category AND i.state IN " + OPEN + " FOR UPDATE) o"
            + " UNION ALL"
            + " SELECT f.* FROM unnest(?::text[], ?::text[]) AS k(site_id, category)"
            + " CROSS JOIN LATERAL (SELECT " + COLUMNS + " FROM incidents i WHERE i.site_id = k.site_id"
            + " AND i.category = k.category AND i.state IN ('resolved', 'closed')"
            + " ORDER BY i.last_event_at DESC LIMIT 1 FOR UPDATE) f";

    private static final String UPSERT = "INSERT INTO incidents (" + COLUMNS + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET priority = EXCLUDED.priority, state = EXCLUDED.state,"
            + " first_event_at = EXCLUDED.first_event_at, last_event_at = EXCLUDED.last_event_at,"
            + " last_event_id = EXCLUDED.last_event_id, event_count = EXCLUDED.event_count, zones = EXCLUDED.zones,"
            + " zone_seen = EXCLUDED.zone_seen, escalation_level = EXCLUDED.escalation_level,"
            + " next_escalation_at = EXCLUDED.next_escalation_at, confirmed = EXCLUDED.confirmed,"
            + " confirmed_at = EXCLUDED.confirmed_at, runaway = EXCLUDED.runaway, restored_at = EXCLUDED.restored_at,"
            + " supervision_missed_at = EXCLUDED.supervision_missed_at, acknowledged_by = EXCLUDED.acknowledged_by,"
            + " acknowledged_at = EXCLUDED.acknowledged_at, resolved_by = EXCLUDED.resolved_by,"
            + " resolved_at = EXCLUDED.resolved_at, closed_by = EXCLUDED.closed_by, closed_at = EXCLUDED.closed_at,"
            + " version = EXCLUDED.version, updated_at = EXCLUDED.updated_at";

    private static final String INSERT_LINK = "INSERT INTO incident_events (event_id, incident_id, site_id, device_id,"
            + " class, category, qualifier, code, zone, area, user_id, priority, description, occurred_at, received_at,"
            + " attached_at, source, excess) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (event_id) DO NOTHING";

    private static final String UPSERT_BUCKET = "INSERT INTO runaway_buckets (site_id, zone, tokens, refilled_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (site_id, zone) DO UPDATE SET tokens = EXCLUDED.tokens,"
            + " refilled_at = EXCLUDED.refilled_at";

    private static final String INSERT_OUTBOX = "INSERT INTO incident_outbox (change_id, incident_id, version, site_id,"
            + " change, changed_at, operator_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (change_id) DO NOTHING";

    private static final TypeReference<Map<String, String>> ZONE_SEEN = new TypeReference<>() {};

    /** The locked incidents of a batch's keys. */
    record Locked(Map<IncidentKey, Incident> open, Map<IncidentKey, Incident> finished) {}

    /**
     * Waits for every other open transaction on these (site, category) keys, whether or not an incident
     * row exists for them yet: a transaction-scoped advisory lock per key, taken in one order so that two
     * batches cannot deadlock (a collision of the 64-bit hashes only serialises more).
     */
    void serialise(Connection c, Collection<IncidentKey> keys) throws SQLException {
        List<IncidentKey> sorted = new ArrayList<>(new TreeSet<>(keys));
        try (PreparedStatement s = c.prepareStatement(SERIALISE)) {
            s.setArray(1, c.createArrayOf("text", sorted.stream().map(IncidentKey::siteId).toArray()));
            s.setArray(2, c.createArrayOf("text", sorted.stream().map(k -> k.category().wireName()).toArray()));
            s.executeQuery().close();
        }
    }

    Set<UUID> linkedEventIds(Connection c, Collection<UUID> eventIds) throws SQLException {
        Set<UUID> linked = new HashSet<>();
        if (eventIds.isEmpty()) {
            return linked;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT event_id FROM incident_events WHERE event_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    linked.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return linked;
    }

    /** Locks the open and the latest finished incident of each key, keys in a fixed order (fewer deadlocks). */
    Locked lockKeys(Connection c, Collection<IncidentKey> keys) throws SQLException {
        Map<IncidentKey, Incident> open = new HashMap<>();
        Map<IncidentKey, Incident> finished = new HashMap<>();
        if (keys.isEmpty()) {
            return new Locked(open, finished);
        }
        List<IncidentKey> sorted = new ArrayList<>(new TreeSet<>(keys));
        Array sites = c.createArrayOf("text", sorted.stream().map(IncidentKey::siteId).toArray());
        Array categories = c.createArrayOf("text", sorted.stream().map(k -> k.category().wireName()).toArray());
        try (PreparedStatement s = c.prepareStatement(LOCK_KEYS)) {
            s.setArray(1, sites);
            s.setArray(2, categories);
            s.setArray(3, sites);
            s.setArray(4, categories);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Incident incident = incident(rs);
                    IncidentKey key = new IncidentKey(incident.siteId, incident.category);
                    (incident.state.isOpen() ? open : finished).put(key, incident);
                }
            }
        }
        return new Locked(open, finished);
    }

    Map<RunawayBucket.Key, RunawayBucket> buckets(Connection c, Collection<RunawayBucket.Key> keys) throws SQLException {
        Map<RunawayBucket.Key, RunawayBucket> buckets = new HashMap<>();
        if (keys.isEmpty()) {
            return buckets;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT b.site_id, b.zone, b.tokens, b.refilled_at"
                + " FROM runaway_buckets b JOIN unnest(?::text[], ?::text[]) AS k(site_id, zone)"
                + " ON b.site_id = k.site_id AND b.zone = k.zone")) {
            s.setArray(1, c.createArrayOf("text", keys.stream().map(RunawayBucket.Key::siteId).toArray()));
            s.setArray(2, c.createArrayOf("text", keys.stream().map(RunawayBucket.Key::zone).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    RunawayBucket bucket = new RunawayBucket(rs.getString(1), rs.getString(2), rs.getDouble(3),
                            instant(rs, 4));
                    buckets.put(new RunawayBucket.Key(bucket.siteId, bucket.zone), bucket);
                }
            }
        }
        return buckets;
    }

    Optional<Incident> lock(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id = ? FOR UPDATE")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(incident(rs)) : Optional.empty();
            }
        }
    }

    /** Claims unacknowledged incidents whose escalation is due; others' claims are skipped, not waited for. */
    List<Incident> claimDue(Connection c, Instant now, int limit) throws SQLException {
        List<Incident> due = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents"
                + " WHERE next_escalation_at <= ? ORDER BY next_escalation_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            s.setObject(1, timestamp(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(incident(rs));
                }
            }
        }
        return due;
    }

    /** Writes everything a unit of work changed: incidents first (the links refer to them), then links, buckets, outbox. */
    void write(Connection c, IncidentWork work, Collection<RunawayBucket> buckets) throws SQLException {
        List<Incident> incidents = work.dirtyIncidents();
        if (!incidents.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                for (Incident incident : incidents) {
                    bindIncident(c, s, incident);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        List<IncidentLink> links = work.links();
        if (!links.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(INSERT_LINK)) {
                for (IncidentLink link : links) {
                    bindLink(s, link);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (!buckets.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(UPSERT_BUCKET)) {
                for (RunawayBucket bucket : buckets) {
                    s.setString(1, bucket.siteId);
                    s.setString(2, bucket.zone);
                    s.setDouble(3, bucket.tokens);
                    s.setObject(4, timestamp(bucket.refilledAt));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        List<ChangeRecord> changes = work.changes();
        if (!changes.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(INSERT_OUTBOX)) {
                for (ChangeRecord change : changes) {
                    s.setObject(1, change.changeId());
                    s.setObject(2, change.incident().id());
                    s.setLong(3, change.incident().version());
                    s.setString(4, change.incident().siteId());
                    s.setString(5, change.change().wireName());
                    s.setObject(6, timestamp(change.changedAt()));
                    s.setString(7, change.operatorId());
                    s.setString(8, IncidentRecordJson.write(change));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    void insertNote(Connection c, UUID incidentId, String operatorId, IncidentChange change, String note, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO incident_notes (incident_id, operator_id, change, note, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setObject(1, incidentId);
            s.setString(2, operatorId);
            s.setString(3, change == null ? null : change.wireName());
            s.setString(4, note);
            s.setObject(5, timestamp(at));
            s.executeUpdate();
        }
    }

    List<IncidentView> openQueue(Connection c, int limit) throws SQLException {
        List<IncidentView> queue = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE state IN " + OPEN
                + " ORDER BY priority, opened_at, id LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    queue.add(incident(rs).view());
                }
            }
        }
        return queue;
    }

    /** Incidents in any of {@code states}, optionally of one site, some categories, some priorities; queue order. */
    List<IncidentView> queue(Connection c, IncidentQuery query) throws SQLException {
        List<IncidentView> queue = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents"
                + " WHERE state = ANY (?::text[]) AND (?::text IS NULL OR site_id = ?::text)"
                + " AND (cardinality(?::text[]) = 0 OR category = ANY (?::text[]))"
                + " AND (cardinality(?::int[]) = 0 OR priority = ANY (?::int[]))"
                + (query.held() == IncidentQuery.Held.ANY ? ""
                        : query.held() == IncidentQuery.Held.ONLY ? " AND incident_held(site_id, priority)"
                        : " AND NOT incident_held(site_id, priority)")
                + " ORDER BY priority, opened_at, id LIMIT ?")) {
            s.setArray(1, c.createArrayOf("text", query.states().stream().map(IncidentState::wireName).toArray()));
            s.setString(2, query.siteId());
            s.setString(3, query.siteId());
            java.sql.Array categories = c.createArrayOf("text", query.categories().toArray());
            s.setArray(4, categories);
            s.setArray(5, categories);
            java.sql.Array priorities = c.createArrayOf("integer", query.priorities().toArray());
            s.setArray(6, priorities);
            s.setArray(7, priorities);
            s.setInt(8, query.limit());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    queue.add(incident(rs).view());
                }
            }
        }
        return queue;
    }

    Optional<IncidentView> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(incident(rs).view()) : Optional.empty();
            }
        }
    }

    List<IncidentEventView> events(Connection c, UUID incidentId, int limit) throws SQLException {
        List<IncidentEventView> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT event_id, class, category, qualifier, code, zone, area,"
                + " user_id, priority, description, device_id, occurred_at, received_at, attached_at, source, excess"
                + " FROM incident_events WHERE incident_id = ? ORDER BY received_at, event_id LIMIT ?")) {
            s.setObject(1, incidentId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new IncidentEventView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getInt(9), rs.getString(10), rs.getString(11), instant(rs, 12), instant(rs, 13),
                            instant(rs, 14), rs.getString(15), rs.getBoolean(16)));
                }
            }
        }
        return events;
    }

    List<IncidentNote> notes(Connection c, UUID incidentId) throws SQLException {
        List<IncidentNote> notes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, operator_id, change, note, created_at"
                + " FROM incident_notes WHERE incident_id = ? ORDER BY id")) {
            s.setObject(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    notes.add(new IncidentNote(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs, 5)));
                }
            }
        }
        return notes;
    }

    /** Open incidents that a heartbeat-supervision miss opened or joined and no heartbeat restored yet. */
    Map<String, Instant> openSupervisionFailures(Connection c) throws SQLException {
        Map<String, Instant> failures = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT site_id, supervision_missed_at FROM incidents"
                + " WHERE supervision_missed_at IS NOT NULL AND state IN " + OPEN)) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    failures.put(rs.getString(1), instant(rs, 2));
                }
            }
        }
        return failures;
    }

    private static void bindIncident(Connection c, PreparedStatement s, Incident i) throws SQLException {
        s.setObject(1, i.id);
        s.setString(2, i.siteId);
        s.setString(3, i.category.wireName());
        s.setInt(4, i.priority);
        s.setString(5, i.state.wireName());
        s.setString(6, StorableText.of(i.title));
        s.setObject(7, timestamp(i.openedAt));
        s.setObject(8, timestamp(i.firstEventAt));
        s.setObject(9, timestamp(i.lastEventAt));
        s.setObject(10, i.lastEventId);
        s.setInt(11, i.eventCount);
        s.setArray(12, c.createArrayOf("text", i.zoneSeen.keySet().stream().map(StorableText::of).toArray()));
        Map<String, String> seen = new TreeMap<>();
        i.zoneSeen.forEach((zone, at) -> seen.put(StorableText.of(zone), at.toString()));
        s.setString(13, EventJson.write(seen));
        s.setInt(14, i.escalationLevel);
        s.setObject(15, timestamp(i.nextEscalationAt));
        s.setBoolean(16, i.confirmed);
        s.setObject(17, timestamp(i.confirmedAt));
        s.setBoolean(18, i.runaway);
        s.setObject(19, timestamp(i.restoredAt));
        s.setObject(20, timestamp(i.supervisionMissedAt));
        s.setString(21, i.acknowledgedBy);
        s.setObject(22, timestamp(i.acknowledgedAt));
        s.setString(23, i.resolvedBy);
        s.setObject(24, timestamp(i.resolvedAt));
        s.setString(25, i.closedBy);
        s.setObject(26, timestamp(i.closedAt));
        s.setLong(27, i.version);
        s.setObject(28, timestamp(i.updatedAt));
    }

    private static void bindLink(PreparedStatement s, IncidentLink link) throws SQLException {
        Signal signal = link.signal();
        s.setObject(1, signal.eventId());
        s.setObject(2, link.incidentId());
        s.setString(3, signal.siteId());
        s.setString(4, StorableText.of(signal.deviceId()));
        s.setString(5, signal.eventClass().wireName());
        s.setString(6, signal.category().wireName());
        s.setString(7, signal.qualifier() == null ? null : signal.qualifier().wireName());
        s.setString(8, StorableText.of(signal.code()));
        s.setString(9, StorableText.of(signal.zone()));
        s.setString(10, StorableText.of(signal.area()));
        s.setString(11, StorableText.of(signal.user()));
        s.setInt(12, signal.priority());
        s.setString(13, StorableText.of(signal.description()));
        s.setObject(14, timestamp(signal.occurredAt()));
        s.setObject(15, timestamp(signal.at()));
        s.setObject(16, timestamp(link.attachedAt()));
        s.setString(17, signal.source().wireName());
        s.setBoolean(18, link.excess());
    }

    static Incident incident(ResultSet rs) throws SQLException {
        Array zonesArray = rs.getArray("zones");
        List<String> zones = zonesArray == null ? List.of() : Arrays.asList((String[]) zonesArray.getArray());
        IncidentView view = new IncidentView(rs.getObject("id", UUID.class), rs.getString("site_id"),
                EventCategory.fromWireName(rs.getString("category")), rs.getInt("priority"),
                IncidentState.fromWireName(rs.getString("state")), rs.getString("title"), instant(rs, "opened_at"),
                instant(rs, "first_event_at"), instant(rs, "last_event_at"), rs.getObject("last_event_id", UUID.class),
                rs.getInt("event_count"), zones, rs.getInt("escalation_level"), instant(rs, "next_escalation_at"),
                rs.getBoolean("confirmed"), instant(rs, "confirmed_at"), rs.getBoolean("runaway"),
                instant(rs, "restored_at"), instant(rs, "supervision_missed_at"), rs.getString("acknowledged_by"),
                instant(rs, "acknowledged_at"), rs.getString("resolved_by"), instant(rs, "resolved_at"),
                rs.getString("closed_by"), instant(rs, "closed_at"), rs.getLong("version"), instant(rs, "updated_at"));
        Map<String, Instant> seen = new HashMap<>();
        try {
            Map<String, String> raw = EventJson.MAPPER.readValue(rs.getString("zone_seen"), ZONE_SEEN);
            raw.forEach((zone, at) -> seen.put(zone, Instant.parse(at)));
        } catch (JsonProcessingException e) {
            throw new SQLException("incident " + view.id() + " has an unreadable zone_seen", e);
        }
        return Incident.from(view, seen);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
