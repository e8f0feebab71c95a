package io.vigil.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One stored row of {@code audit_log}, as read back: the raw column values, unvalidated, so that
 * the verifier can report a tampered row instead of failing to read it.
 *
 * @param recordedAtMicros {@code recorded_at} in microseconds since the epoch (PostgreSQL's precision)
 */
public record AuditRow(long seq, long recordedAtMicros, int format, String kind, String actorType, String actorId,
                       String siteId, String incidentId, String eventId, String reason, String details,
                       String dedupKey, byte[] prevHash, byte[] hash) {

    public Instant recordedAt() {
        return Instant.EPOCH.plus(recordedAtMicros, ChronoUnit.MICROS);
    }

    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The row an entry becomes at a given chain position. */
    static AuditRow of(AuditEntry entry, long seq, long recordedAtMicros, byte[] prevHash, byte[] hash) {
        return new AuditRow(seq, recordedAtMicros, CanonicalRow.FORMAT, entry.kind(), entry.actor().type(),
                entry.actor().id(), entry.siteId(), entry.incidentId(), entry.eventId(), entry.reason(),
                entry.details(), entry.dedupKey(), prevHash, hash);
    }

    /** The same row with its chain hashes set. */
    public AuditRow withHashes(byte[] newPrevHash, byte[] newHash) {
        return new AuditRow(seq, recordedAtMicros, format, kind, actorType, actorId, siteId, incidentId, eventId,
                reason, details, dedupKey, newPrevHash, newHash);
    }
}
