package io.vigil.audit;

import io.vigil.support.LogSafe;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail in PostgreSQL. Callers queue entries; one writer thread appends them in batches,
 * one transaction per batch, and completes each entry's future after the commit (docs/audit.md).
 * One writer per process keeps the chain linear inside the process without contention; the chain's
 * advisory lock keeps it linear across processes.
 */
public final class PostgresAuditLog implements AuditLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAuditLog.class);

    private record Pending(AuditEntry entry, CompletableFuture<AuditReceipt> done) {}

    // queued by close(): everything queued before it is written, then the writer stops
    private static final Pending STOP = new Pending(null, null);

    private final DataSource dataSource;
    private final AuditConfig config;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final ChainAppender appender = new ChainAppender();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread writer;

    private AuditHead lastHead;
    private AuditHead lastLoggedHead;
    private long lastHeadLogNanos = System.nanoTime();

    private PostgresAuditLog(DataSource dataSource, AuditConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
        this.writer = new Thread(this::writeUntilStopped, "vigil-audit-writer");
        this.writer.setDaemon(true);
    }

    /** Starts the writer thread; {@link #close()} writes what is queued and stops it. */
    public static PostgresAuditLog start(DataSource dataSource, AuditConfig config, Clock clock) {
        PostgresAuditLog log = new PostgresAuditLog(dataSource, config, clock);
        log.writer.start();
        return log;
    }

    public static PostgresAuditLog start(DataSource dataSource, AuditConfig config) {
        return start(dataSource, config, Clock.systemUTC());
    }

    @Override
    public CompletableFuture<AuditReceipt> append(AuditEntry entry) {
        CompletableFuture<AuditReceipt> done = new CompletableFuture<>();
        if (closed.get()) {
            done.completeExceptionally(new IllegalStateException("the audit log is closed"));
            return done;
        }
        try {
            queue.put(new Pending(entry, done)); // blocks while the queue is full: back-pressure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new AuditException("interrupted while queueing an audit entry", e));
        }
        return done;
    }

    /** Writes everything queued so far, then stops the writer. Later appends fail. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            queue.put(STOP);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.interrupt();
        }
        // an append that raced with close() may have queued behind STOP
        List<Pending> late = new ArrayList<>();
        queue.drainTo(late);
        late.stream().filter(p -> p != STOP)
                .forEach(p -> p.done().completeExceptionally(new IllegalStateException("the audit log is closed")));
    }

    private void writeUntilStopped() {
        List<Pending> batch = new ArrayList<>(config.batchSize());
        long idleWaitMillis = Math.max(1, config.headLogInterval().toMillis());
        try {
            while (true) {
                Pending first = queue.poll(idleWaitMillis, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, config.batchSize() - 1);
                    boolean stop = batch.remove(STOP);
                    if (!batch.isEmpty()) {
                        write(batch);
                    }
                    batch.clear();
                    if (stop) {
                        break;
                    }
                }
                logHeadIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        logHeadIfChanged();
    }

    private void write(List<Pending> batch) {
        List<AuditEntry> entries = batch.stream().map(Pending::entry).toList();
        try {
            ChainAppender.Outcome outcome = appendBatch(entries);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(outcome.receipts().get(i));
            }
        } catch (SQLException e) {
            if (batch.size() > 1 && isBadData(e)) {
                // one entry the database refuses must not fail its neighbours: write them one by one
                LOG.warn("audit batch of {} refused ({}); retrying its entries one by one", batch.size(),
                        LogSafe.quote(e.getMessage()));
                batch.forEach(pending -> write(List.of(pending)));
                return;
            }
            LOG.warn("audit batch of {} not written: {}", batch.size(), LogSafe.quote(e.getMessage()));
            AuditException failure = new AuditException("audit rows not written: " + LogSafe.quote(e.getMessage()), e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
        } catch (RuntimeException e) {
            LOG.error("audit batch of {} not written", batch.size(), e);
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private ChainAppender.Outcome appendBatch(List<AuditEntry> entries) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            ChainAppender.Outcome outcome = appender.append(connection, entries, Instant.now(clock));
            outcome.head().ifPresent(head -> lastHead = head);
            return outcome;
        }
    }

    // SQLSTATE class 22 (data exception) and 23 (integrity constraint): the rows, not the database
    private static boolean isBadData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private void logHeadIfDue() {
        if (System.nanoTime() - lastHeadLogNanos >= config.headLogInterval().toNanos()) {
            logHeadIfChanged();
        }
    }

    // the head in the log is an anchor outside the database (docs/audit.md): the log shipper takes it to the SIEM
    private void logHeadIfChanged() {
        AuditHead head = lastHead;
        if (head != null && head != lastLoggedHead) {
            LOG.info("audit head seq={} recorded_at={} hash={}", head.seq(), AuditRows.iso(head.recordedAtMicros()),
                    head.hashHex());
            lastLoggedHead = head;
        }
        lastHeadLogNanos = System.nanoTime();
    }
}
