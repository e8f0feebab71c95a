package io.vigil.gateway;

import io.vigil.gateway.journal.Journal;
import io.vigil.gateway.journal.JournalEntry;
import io.vigil.support.LogSafe;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the journal to the centre (docs/gateway.md, "Forwarder"): journal order, QoS 1, a bounded
 * window without PUBACK, a rate limit, an entry released only on a successful PUBACK. Any failure
 * ends the session; the next one (after a back-off) starts again from the oldest pending entry.
 */
final class Forwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int BATCH = 64;
    private static final int FIRST_FAILURE_CODE = 0x80;

    private final Journal journal;
    private final GatewayConfig config;
    private final String brokerUrl;
    private final String clientId;
    private final SocketFactory tls;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;
    /** Whether the last session got a CONNACK: then the next attempt comes after the first back-off again. */
    private boolean sessionReachedBroker;

    Forwarder(Journal journal, GatewayConfig config, String brokerUrl, String clientId, SocketFactory tls) {
        this.journal = journal;
        this.config = config;
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.tls = tls;
        this.thread = new Thread(this::run, "gateway-forwarder");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether a session with the broker is up (for logs and tests). */
    boolean connected() {
        return connected;
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (running) {
            String failure;
            try {
                session();
                failure = "stopped";
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failure = e.getMessage();
            }
            if (!running) {
                return;
            }
            if (sessionReachedBroker) {
                retry = FIRST_RETRY;
            }
            LOG.warn("gateway forwarder: {} ({} frames pending); next attempt in {} ms", failure,
                    journal.pendingCount(), retry.toMillis());
            try {
                TimeUnit.MILLISECONDS.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(config.retryMax()) > 0 ? config.retryMax() : retry.multipliedBy(2);
        }
    }

    /** One connection: sends until it fails or the forwarder stops. */
    private void session() throws Exception {
        sessionReachedBroker = false;
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(tls);
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            IMqttToken connack = client.connect(options);
            connack.waitForCompletion(15_000);
            connected = true;
            sessionReachedBroker = true;
            LOG.info("gateway forwarder connected to {} ({} frames pending)", brokerUrl, journal.pendingCount());
            send(client, window(connack));
        } finally {
            connected = false;
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException ignored) {
                // the connection is gone either way
            }
            client.close(true);
        }
    }

    /** The configured window, or the broker's receive maximum if that is smaller (Paho refuses to exceed it). */
    private int window(IMqttToken connack) {
        Integer receiveMaximum = connack.getResponseProperties() == null ? null
                : connack.getResponseProperties().getReceiveMaximum();
        return receiveMaximum == null ? config.inFlight() : Math.max(1, Math.min(config.inFlight(), receiveMaximum));
    }

    private void send(MqttAsyncClient client, int inFlight) throws Exception {
        Semaphore window = new Semaphore(inFlight);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Pacer pacer = new Pacer(config.maxRate());
        long cursor = Long.MIN_VALUE;
        while (running) {
            check(client, failure);
            List<JournalEntry> next = journal.pendingAfter(cursor, BATCH, POLL);
            for (JournalEntry entry : next) {
                while (!window.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    check(client, failure);
                    if (!running) {
                        return;
                    }
                }
                check(client, failure);
                pacer.awaitTurn();
                MqttMessage message = new MqttMessage(entry.envelope());
                message.setQos(1);
                client.publish(entry.topic(), message, null, new Acknowledged(entry, window, failure));
                cursor = entry.seq();
            }
        }
    }

    private static void check(MqttAsyncClient client, AtomicReference<Exception> failure) throws Exception {
        Exception failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        if (!client.isConnected()) {
            throw new IOException("connection to the broker lost");
        }
    }

    /** Releases the entry on a successful PUBACK; anything else ends the session. */
    private final class Acknowledged implements MqttActionListener {
        private final JournalEntry entry;
        private final Semaphore window;
        private final AtomicReference<Exception> failure;

        Acknowledged(JournalEntry entry, Semaphore window, AtomicReference<Exception> failure) {
            this.entry = entry;
            this.window = window;
            this.failure = failure;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            try {
                int[] codes = token.getReasonCodes();
                int code = codes == null || codes.length == 0 ? 0 : codes[0];
                if (code >= FIRST_FAILURE_CODE) {
                    failure.compareAndSet(null, new IOException("the broker refused a frame on "
                            + LogSafe.quote(entry.topic()) + " with reason code 0x" + Integer.toHexString(code)));
                    return;
                }
                journal.release(entry.seq());
            } catch (IOException e) {
                LOG.warn("gateway journal: release of {} not written ({}); it will be sent again after a restart",
                        entry.seq(), e.getMessage());
            } finally {
                window.release();
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            failure.compareAndSet(null, new IOException("publish failed: " + exception.getMessage(), exception));
            window.release();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
