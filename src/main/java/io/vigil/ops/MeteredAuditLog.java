package io.vigil.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditLog;
import io.vigil.audit.AuditReceipt;
import io.vigil.support.LogSafe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts audit appends as they become durable or fail, and remembers the writer's latest outcome:
 * the audit writer's health check is down while its most recent append failed, for at most
 * {@link #FAILURE_MEMORY} without a further append (so that a quiet receiver whose database came
 * back is not held down by an old failure; PostgreSQL's own check covers the database itself).
 */
final class MeteredAuditLog implements AuditLog {

    private final AuditLog delegate;
    private final Counter written;
    private final Counter failed;
    static final java.time.Duration FAILURE_MEMORY = java.time.Duration.ofMinutes(1);

    private final AtomicReference<Health> latest = new AtomicReference<>(Health.up("no append yet"));
    private volatile long latestFailureNanos;

    MeteredAuditLog(AuditLog delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.written = Counter.builder("vigil.audit.appends").description("audit rows appended (committed) or failed")
                .tag("outcome", "written").register(registry);
        this.failed = Counter.builder("vigil.audit.appends").description("audit rows appended (committed) or failed")
                .tag("outcome", "failed").register(registry);
    }

    @Override
    public CompletableFuture<AuditReceipt> append(AuditEntry entry) {
        return delegate.append(entry).whenComplete((receipt, failure) -> {
            if (failure == null) {
                written.increment();
                latest.lazySet(UP);
            } else {
                failed.increment();
                latestFailureNanos = System.nanoTime();
                latest.set(Health.down("the latest append failed: " + LogSafe.quote(String.valueOf(failure.getMessage()))));
            }
        });
    }

    private static final Health UP = Health.up("appending");

    HealthCheck check() {
        return HealthCheck.of("audit", () -> {
            Health health = latest.get();
            if (!health.up() && System.nanoTime() - latestFailureNanos > FAILURE_MEMORY.toNanos()) {
                return Health.up("no append since the latest failure");
            }
            return health;
        });
    }
}
