package io.vigil.audit;

import io.vigil.config.VigilProperties;
import java.time.Duration;

/**
 * Settings of the audit trail ({@code vigil.audit.*}).
 *
 * @param batchSize       most rows one append transaction writes
 * @param queueCapacity   entries waiting for the writer before {@code append} blocks its caller
 * @param headLogInterval how often the writer logs the chain head for external anchoring (at most)
 * @param fetchSize       rows per round trip when verify and query stream the table
 */
public record AuditConfig(int batchSize, int queueCapacity, Duration headLogInterval, int fetchSize) {

    public static final AuditConfig DEFAULTS = new AuditConfig(500, 10_000, Duration.ofMinutes(5), 10_000);

    public AuditConfig {
        if (batchSize < 1 || queueCapacity < 1 || fetchSize < 1) {
            throw new IllegalArgumentException("vigil.audit.batch-size, queue-capacity and fetch-size must be positive");
        }
        if (headLogInterval.isNegative() || headLogInterval.isZero()) {
            throw new IllegalArgumentException("vigil.audit.head-log-interval must be positive");
        }
    }

    public static AuditConfig from(VigilProperties properties) {
        return new AuditConfig(
                properties.getInt("vigil.audit.batch-size", DEFAULTS.batchSize()),
                properties.getInt("vigil.audit.queue-capacity", DEFAULTS.queueCapacity()),
                properties.getDuration("vigil.audit.head-log-interval", DEFAULTS.headLogInterval()),
                properties.getInt("vigil.audit.fetch-size", DEFAULTS.fetchSize()));
    }

    public AuditConfig withBatchSize(int newBatchSize) {
        return new AuditConfig(newBatchSize, queueCapacity, headLogInterval, fetchSize);
    }
}
