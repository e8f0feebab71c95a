package io.vigil.testing;

import io.vigil.simulate.SiteConnection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Publishes a list of payloads at QoS 1 on its own thread with a window of outstanding PUBACKs. */
public final class Publisher implements AutoCloseable {

    private static final int WINDOW = 200;

    private final Thread thread;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private volatile Throwable failure;

    public Publisher(SiteConnection site, String topic, List<byte[]> payloads) {
        thread = new Thread(() -> {
            Deque<IMqttToken> outstanding = new ArrayDeque<>();
            try {
                for (byte[] payload : payloads) {
                    if (outstanding.size() >= WINDOW) {
                        outstanding.removeFirst().waitForCompletion(30_000);
                        acknowledged.incrementAndGet();
                    }
                    outstanding.addLast(publishWhenAllowed(site, topic, payload, outstanding));
                }
                while (!outstanding.isEmpty()) {
                    outstanding.removeFirst().waitForCompletion(30_000);
                    acknowledged.incrementAndGet();
                }
            } catch (MqttException | RuntimeException e) {
                failure = e;
            }
        }, "test-publisher");
        thread.start();
    }

    /** Paho refuses a publish beyond the broker's receive maximum (32202): wait for the oldest PUBACK, try again. */
    private IMqttToken publishWhenAllowed(SiteConnection site, String topic, byte[] payload, Deque<IMqttToken> outstanding)
            throws MqttException {
        while (true) {
            try {
                return site.publish(topic, payload);
            } catch (MqttException e) {
                if (e.getReasonCode() != 32202 /* too many publishes in progress */) {
                    throw e;
                }
                if (outstanding.isEmpty()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                } else {
                    outstanding.removeFirst().waitForCompletion(30_000);
                    acknowledged.incrementAndGet();
                }
            }
        }
    }

    /** Messages the broker has acknowledged to the publisher so far. */
    public int acknowledged() {
        return acknowledged.get();
    }

    /** Waits until every message is acknowledged by the broker; rethrows a publishing failure. */
    public void awaitDone() throws InterruptedException {
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("publishing failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.join(60_000);
    }
}
