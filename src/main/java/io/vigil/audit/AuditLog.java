package io.vigil.audit;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The audit trail, append side. A returned future completes only when the row is durable (committed);
 * an at-least-once consumer commits its own input offset after that, never before, and treats a failed
 * future as "not recorded": its input comes again, and entries with a dedup key are not recorded twice.
 */
public interface AuditLog {

    CompletableFuture<AuditReceipt> append(AuditEntry entry);

    /** Appends in order; completes when all are durable, fails if any failed. */
    default CompletableFuture<List<AuditReceipt>> appendAll(List<AuditEntry> entries) {
        List<CompletableFuture<AuditReceipt>> futures = entries.stream().map(this::append).toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }
}
