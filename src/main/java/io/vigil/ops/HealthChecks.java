package io.vigil.ops;

import io.vigil.support.LogSafe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a set of checks side by side, each cut off after the timeout (a hung dependency is a down one). */
public final class HealthChecks implements AutoCloseable {

    private final List<HealthCheck> checks;
    private final Duration timeout;
    private final ExecutorService executor;

    public HealthChecks(List<HealthCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "vigil-health");
            thread.setDaemon(true);
            return thread;
        });
    }

    public HealthReport run() {
        List<Future<Health>> futures = new ArrayList<>();
        for (HealthCheck check : checks) {
            futures.add(executor.submit(check::check));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<HealthReport.Result> results = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            results.add(new HealthReport.Result(checks.get(i).name(), checks.get(i).critical(), await(futures.get(i), deadline)));
        }
        return new HealthReport(results);
    }

    private Health await(Future<Health> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Health.down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Health.down(cause.getClass().getSimpleName() + ": " + LogSafe.quote(String.valueOf(cause.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
