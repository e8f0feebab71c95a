package io.vigil.supervision;

import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.Signal;
import io.vigil.support.LogSafe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns supervision signals (missed deadlines, restoring heartbeats) into incidents on one thread,
 * strictly in the order they were queued, so a site's miss is always written before its restore.
 * A failed write is retried with back-off, the same signals first: nothing is dropped. Each
 * signal's future completes once its incident change is committed.
 */
final class SupervisionWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisionWriter.class);
    private static final int BATCH = 1000;

    private record Pending(Signal signal, CompletableFuture<Void> done) {}

    private final IncidentEngine engine;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger unwritten = new AtomicInteger(); // queued plus the batch being written
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;

    SupervisionWriter(IncidentEngine engine) {
        this.engine = engine;
        this.thread = new Thread(this::run, "vigil-supervision-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    CompletableFuture<Void> submit(Signal signal) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        unwritten.incrementAndGet();
        queue.add(new Pending(signal, done));
        return done;
    }

    /** Signals submitted and not yet committed, the batch being written included. */
    int pending() {
        return unwritten.get();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        long backoffMillis = 100;
        while (stopping.getCount() > 0 || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                engine.process(batch.stream().map(Pending::signal).toList());
                batch.forEach(p -> p.done().complete(null));
                unwritten.addAndGet(-batch.size());
                batch.clear();
                backoffMillis = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("supervision incidents not written ({} signals), retrying in {} ms: {}", batch.size(),
                        backoffMillis, LogSafe.quote(e.getMessage()));
                try {
                    if (stopping.await(backoffMillis, TimeUnit.MILLISECONDS)) {
                        LOG.warn("stopping with {} supervision signals unwritten; the restart reconciles them",
                                batch.size() + queue.size());
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    /** Writes what is queued (waiting at most {@code timeout}), then stops. */
    void close(Duration timeout) {
        stopping.countDown();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
