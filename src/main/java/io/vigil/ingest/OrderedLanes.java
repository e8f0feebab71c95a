package io.vigil.ingest;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * N single-threaded lanes: work with the same key always runs on the same lane, in submission
 * order, while different keys spread over the cores. Keyed by site, this keeps a site's messages
 * in order through parallel verification and into Kafka. A full lane blocks the submitter
 * (backpressure towards the MQTT client, whose in-flight window then stops the broker).
 */
public final class OrderedLanes implements AutoCloseable {

    private final ExecutorService[] lanes;

    public OrderedLanes(int laneCount, int queuePerLane, String name) {
        if (laneCount < 1 || queuePerLane < 1) {
            throw new IllegalArgumentException("lanes and queue size must be positive");
        }
        lanes = new ExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            String threadName = name + "-" + i;
            lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queuePerLane),
                    r -> {
                        Thread thread = new Thread(r, threadName);
                        thread.setDaemon(true);
                        return thread;
                    },
                    (task, executor) -> blockUntilQueued(task, executor));
        }
    }

    public int size() {
        return lanes.length;
    }

    /** Runs {@code work} on the lane of {@code key}. */
    public void submit(Object key, Runnable work) {
        lanes[Math.floorMod(key == null ? 0 : key.hashCode(), lanes.length)].execute(work);
    }

    private static void blockUntilQueued(Runnable task, ThreadPoolExecutor executor) {
        if (executor.isShutdown()) {
            throw new java.util.concurrent.RejectedExecutionException("lanes are closed");
        }
        try {
            executor.getQueue().put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.RejectedExecutionException("interrupted while waiting for a lane", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            lane.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
