package io.vigil.escalation;

import io.vigil.audit.Actor;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditKind;
import io.vigil.audit.AuditLog;
import io.vigil.db.WriteFence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Publishes the incident outbox (docs/escalation.md, "Outbox"): in one transaction holding the
 * relay's advisory lock (one relay at a time, so records leave in outbox order), it reads the
 * oldest unpublished rows, publishes them to the incidents topic and waits for Kafka, appends them
 * to the audit trail and waits for the audit commit, then marks them published. A failure anywhere
 * rolls back the marking: the rows are published again (consumers de-duplicate on ce_id, the
 * audit on its dedup key), never lost. In a cluster only the singleton's holder relays, and each
 * transaction passes its fence first (docs/cluster.md).
 */
public final class OutboxRelay {

    /** {@code hashtext('vigil.incident_outbox.relay')} would do as well; a constant needs no round trip. */
    static final long RELAY_LOCK = 0x5649_474C_4F42_5831L;

    private final DataSource dataSource;
    private final IncidentPublisher publisher;
    private final AuditLog audit;
    private final Clock clock;
    private final int batchSize;
    private final Duration retention;
    private final Duration auditTimeout;
    private final WriteFence fence;
    private Instant lastPurge = Instant.EPOCH;

    public OutboxRelay(DataSource dataSource, IncidentPublisher publisher, AuditLog audit, Clock clock, int batchSize,
                       Duration retention, Duration auditTimeout) {
        this(dataSource, publisher, audit, clock, batchSize, retention, auditTimeout, WriteFence.NONE);
    }

    public OutboxRelay(DataSource dataSource, IncidentPublisher publisher, AuditLog audit, Clock clock, int batchSize,
                       Duration retention, Duration auditTimeout, WriteFence fence) {
        this.fence = fence;
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
        this.batchSize = batchSize;
        this.retention = retention;
        this.auditTimeout = auditTimeout;
    }

    /** Publishes until the outbox is empty (or another relay holds the lock); returns how many were published. */
    public int relay() {
        int total = 0;
        while (true) {
            int done = relayBatch();
            total += done;
            if (done < batchSize) {
                purgeNowAndThen();
                return total;
            }
        }
    }

    private int relayBatch() {
        return Transactions.inTransaction(dataSource, "cannot relay the incident outbox", c -> {
            fence.check(c);
            if (!tryLock(c)) {
                return 0;
            }
            List<OutboxRecord> records = unpublished(c);
            if (records.isEmpty()) {
                return 0;
            }
            publisher.publish(records);
            awaitAudit(records);
            markPublished(c, records);
            return records.size();
        });
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, RELAY_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<OutboxRecord> unpublished(Connection c) throws SQLException {
        List<OutboxRecord> records = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT seq, change_id, incident_id, version, site_id, change,"
                + " changed_at, operator_id, payload FROM incident_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?")) {
            s.setInt(1, batchSize);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(new OutboxRecord(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getLong(4), rs.getString(5), IncidentChange.fromWireName(rs.getString(6)),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), rs.getString(9)));
                }
            }
        }
        return records;
    }

    private void awaitAudit(List<OutboxRecord> records) {
        try {
            audit.appendAll(records.stream().map(OutboxRelay::auditEntry).toList())
                    .get(auditTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EscalationException("interrupted while auditing incident changes", e, true);
        } catch (ExecutionException | TimeoutException e) {
            throw new EscalationException("cannot audit incident changes: " + e, e, true);
        }
    }

    private void markPublished(Connection c, List<OutboxRecord> records) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE incident_outbox SET published_at = ? WHERE seq = ANY(?)")) {
            s.setObject(1, IncidentStore.timestamp(clock.instant()));
            s.setArray(2, c.createArrayOf("bigint", records.stream().map(OutboxRecord::seq).toArray()));
            s.executeUpdate();
        }
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return;
        }
        lastPurge = now;
        Transactions.inTransaction(dataSource, "cannot purge the incident outbox", c -> {
            fence.check(c);
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM incident_outbox WHERE published_at IS NOT NULL AND published_at < ?")) {
                s.setObject(1, IncidentStore.timestamp(now.minus(retention)));
                return s.executeUpdate();
            }
        });
    }

    /**
     * The audit row of one change: operator changes as {@code operator.action} with the operator as
     * actor; the system's as {@code incident.opened}, {@code incident.closed} or {@code incident.changed}.
     * The details are the published record, so the audit trail holds exactly what consoles saw.
     */
    static AuditEntry auditEntry(OutboxRecord record) {
        AuditEntry entry;
        if (record.operatorId() != null) {
            entry = AuditEntry.operatorAction(record.operatorId(), record.change().wireName());
        } else {
            String kind = switch (record.change()) {
                case OPENED -> AuditKind.INCIDENT_OPENED;
                case CLOSED -> AuditKind.INCIDENT_CLOSED;
                default -> AuditKind.INCIDENT_CHANGED;
            };
            entry = AuditEntry.of(kind, Actor.system("escalation")).reason(record.change().wireName());
        }
        return entry.site(record.siteId()).incident(record.incidentId().toString())
                .details(record.payload()).dedupKey("incident-change:" + record.changeId());
    }
}
