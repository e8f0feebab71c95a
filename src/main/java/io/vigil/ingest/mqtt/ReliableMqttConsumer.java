package io.vigil.ingest.mqtt;

import io.vigil.support.LogSafe;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT consumer behind {@code vigil-mqtt5}. Differences from the stock paho-mqtt5 consumer:
 * <ul>
 *   <li>the callback is set <em>before</em> {@code connect()}, so the backlog a persistent session
 *       delivers right after CONNACK is processed instead of stranded unacknowledged;</li>
 *   <li>a message is acknowledged (PUBACK) only when its exchange completed successfully, i.e.
 *       after Kafka acknowledged the record; a failed exchange is never acknowledged, and the
 *       consumer reconnects after a back-off so that the broker redelivers it;</li>
 *   <li>on shutdown it stops taking new messages first and lets in-flight exchanges finish and
 *       acknowledge before it disconnects;</li>
 *   <li>it reconnects itself (Paho's automatic reconnect hides the CONNACK): a CONNACK without the
 *       session it asked to resume means the session is gone, so it subscribes again and raises an
 *       alarm; a session taken over by another client (DISCONNECT 0x8E) raises a security event
 *       through the route ({@link io.vigil.ingest.IngestProcessor#ALERT}) and an alarm
 *       ({@link MqttSessionHealth}).</li>
 * </ul>
 * The message travels as the exchange body ({@code byte[]}); the topic, the duplicate flag and
 * the receive time travel as exchange properties (never as headers, so nothing from MQTT leaks
 * into Kafka record headers by accident).
 */
public class ReliableMqttConsumer extends DefaultConsumer implements ShutdownAware {

    public static final String TOPIC = "VigilMqttTopic";
    public static final String DUPLICATE = "VigilMqttDuplicate";
    public static final String RECEIVED_AT_MILLIS = "VigilMqttReceivedAtMillis";

    private static final Logger LOG = LoggerFactory.getLogger(ReliableMqttConsumer.class);
    private static final long RECONNECT_BACKOFF_MILLIS = 2_000;
    private static final long FIRST_RETRY_MILLIS = 500;

    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean reconnectPending = new AtomicBoolean();
    private final AtomicLong lastReconnectMillis = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile MqttAsyncClient client;
    private volatile MqttConnectionOptions options;
    private volatile ScheduledExecutorService reconnector;
    private volatile boolean reconnectAfterLoss;
    private volatile long maxReconnectDelayMillis;
    private volatile boolean hadSession;
    /** When the broker closed the connection lately: several closes in a row while it answers mean a contested session. */
    private final java.util.Deque<Instant> recentLosses = new java.util.ArrayDeque<>();
    private static final int CONTESTED_LOSSES = 3;
    private static final java.time.Duration CONTESTED_WINDOW = java.time.Duration.ofSeconds(60);

    ReliableMqttConsumer(ReliableMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public ReliableMqttEndpoint getEndpoint() {
        return (ReliableMqttEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        draining.set(false);
        var configuration = getEndpoint().getConfiguration();
        if (!configuration.isManualAcksEnabled() || configuration.getQos() != 1) {
            throw new IllegalArgumentException(ReliableMqttComponent.SCHEME
                    + " needs manualAcksEnabled=true and qos=1: anything else acknowledges messages Kafka does not hold");
        }
        String clientId = configuration.getClientId() != null ? configuration.getClientId() : "vigil-" + UUID.randomUUID();
        options = getEndpoint().connectionOptions();
        reconnectAfterLoss = options.isAutomaticReconnect();
        maxReconnectDelayMillis = Math.max(FIRST_RETRY_MILLIS, options.getMaxReconnectDelay());
        // the consumer reconnects itself so that it sees every CONNACK's session-present flag
        options.setAutomaticReconnect(false);
        hadSession = false;
        client = new MqttAsyncClient(configuration.getBrokerUrl(), clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        reconnector = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "vigil-mqtt-reconnect");
        connectAndSubscribe();
    }

    private void connectAndSubscribe() throws MqttException {
        long timeoutMillis = Math.max(1, options.getConnectionTimeout()) * 1000L;
        IMqttToken connected;
        try {
            connected = client.connect(options);
            connected.waitForCompletion(timeoutMillis);
        } catch (MqttException e) {
            // a connect that did not complete stays "in progress" inside Paho and refuses every later
            // connect (32110): abandon it, so that the next attempt starts from a closed connection
            abandonConnect();
            throw e;
        }
        boolean sessionLost = !connected.getSessionPresent() && !options.isCleanStart() && hadSession;
        hadSession = true;
        if (connected.getSessionPresent()) {
            // the broker kept our subscriptions; it may be sending a large backlog ahead of any SUBACK,
            // so renew them (the filters may have changed) without holding up the start
            client.subscribe(filters(), qos(), null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info("resumed session of {} and renewed subscriptions {}", client.getClientId(),
                            java.util.List.of(filters()));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.warn("renewing subscriptions {} failed: {}", java.util.List.of(filters()), failure.getMessage());
                }
            });
        } else {
            subscribe();
        }
        if (sessionLost) {
            // whatever the broker held for us in that session is gone (another client connected with our id and a
            // clean start, or the broker lost its state): say so loudly; messages flow again
            LOG.error("MQTT session of {} was gone (CONNACK without session present) and is subscribed again;"
                    + " messages queued in the lost session were not received", client.getClientId());
            health().sessionLost(client.getClientId(), clock.instant());
            raise(new MqttSessionAlert(MqttSessionHealth.AlarmKind.SESSION_LOST, client.getClientId(),
                    client.getServerURI(), "the session was gone when the receiver reconnected", clock.instant()));
        }
        health().connected(clock.instant());
    }

    private String[] filters() {
        return getEndpoint().getTopic().split("\\s*,\\s*");
    }

    private int[] qos() {
        int[] qos = new int[filters().length];
        java.util.Arrays.fill(qos, getEndpoint().getConfiguration().getQos());
        return qos;
    }

    /** The endpoint topic may list several filters separated by commas; all are subscribed at QoS 1. */
    private void subscribe() throws MqttException {
        String[] filters = filters();
        IMqttToken token = client.subscribe(filters, qos());
        token.waitForCompletion(Math.max(1, options.getConnectionTimeout()) * 1000L);
        int[] granted = token.getGrantedQos();
        if (granted == null || granted.length != filters.length) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION);
        }
        for (int code : granted) {
            if (code >= 0x80) {
                throw new MqttException(code);
            }
        }
        LOG.info("subscribed to {} as {}", java.util.List.of(filters), client.getClientId());
    }

    @Override
    protected void doStop() throws Exception {
        MqttAsyncClient current = client;
        client = null;
        if (reconnector != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(reconnector);
            reconnector = null;
        }
        if (current != null) {
            try {
                if (current.isConnected()) {
                    // a persistent session keeps the subscription and every unacknowledged message
                    current.disconnect().waitForCompletion(5_000);
                }
            } finally {
                current.close(true);
            }
        }
        super.doStop();
    }

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return true;
    }

    @Override
    public int getPendingExchangesSize() {
        return 0;
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // stop taking new messages; those already in flight complete and acknowledge
        draining.set(true);
    }

    private void onMessage(String topic, MqttMessage message) {
        if (draining.get() || !isRunAllowed()) {
            return; // left unacknowledged: the broker redelivers it to the next session
        }
        Exchange exchange = createExchange(true);
        exchange.getIn().setBody(message.getPayload());
        exchange.setProperty(TOPIC, topic);
        exchange.setProperty(DUPLICATE, message.isDuplicate());
        exchange.setProperty(RECEIVED_AT_MILLIS, clock.millis());
        MqttAsyncClient receivedOn = client;
        int id = message.getId();
        int qos = message.getQos();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                acknowledge(receivedOn, id, qos);
            }

            @Override
            public void onFailure(Exchange failed) {
                LOG.warn("exchange for MQTT message {} failed; left unacknowledged for redelivery", id);
                scheduleReconnect();
            }
        });
        getAsyncProcessor().process(exchange, defaultConsumerCallback(exchange, true));
    }

    private void acknowledge(MqttAsyncClient receivedOn, int id, int qos) {
        if (qos == 0 || receivedOn == null) {
            return;
        }
        try {
            receivedOn.messageArrivedComplete(id, qos);
        } catch (MqttException | RuntimeException e) {
            // the session was lost in between: the broker redelivers the message (same envelope, same event id)
            LOG.debug("could not acknowledge MQTT message {}: {}", id, e.getMessage());
        }
    }

    /** Drops the connection so the broker redelivers what this session left unacknowledged. */
    private void scheduleReconnect() {
        scheduleReconnect(Math.max(0, lastReconnectMillis.get() + RECONNECT_BACKOFF_MILLIS - clock.millis()));
    }

    private void scheduleReconnect(long waitMillis) {
        if (!reconnectPending.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService executor = reconnector;
        if (executor == null || draining.get()) {
            reconnectPending.set(false);
            return;
        }
        executor.schedule(this::reconnect, waitMillis, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        MqttAsyncClient current = client;
        boolean retry = false;
        try {
            if (current == null || draining.get()) {
                return;
            }
            lastReconnectMillis.set(clock.millis());
            if (current.isConnected()) {
                current.disconnect().waitForCompletion(5_000);
            }
            connectAndSubscribe();
            failedAttempts.set(0);
        } catch (MqttException e) {
            LOG.warn("reconnecting to the MQTT broker failed ({}); trying again", e.getMessage());
            retry = true;
        } finally {
            reconnectPending.set(false);
        }
        if (retry) {
            scheduleReconnect(backoffMillis(failedAttempts.incrementAndGet()));
        }
    }

    private void abandonConnect() {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("abandoning an unfinished MQTT connect: {}", e.getMessage());
        }
    }

    private long backoffMillis(long attempt) {
        return Math.min(maxReconnectDelayMillis, FIRST_RETRY_MILLIS << Math.min(attempt, 20));
    }

    private MqttSessionHealth health() {
        return getEndpoint().sessionHealth();
    }

    private void onDisconnected(MqttDisconnectResponse response) {
        MqttAsyncClient current = client;
        if (current == null) {
            return; // stopping
        }
        int reason = response.getReturnCode();
        if (reason == 0 && response.getException() != null) {
            reason = response.getException().getReasonCode();
        }
        Instant now = clock.instant();
        String contested = contested(now);
        if (reason == MqttSessionAlert.TAKEN_OVER_REASON || contested != null) {
            String detail = contested != null ? contested : "DISCONNECT 0x8E (session taken over)";
            LOG.error("MQTT session of {} was taken over by another client with the same client id ({}): raising a"
                    + " security event and reconnecting", current.getClientId(), detail);
            health().takenOver(current.getClientId(), now);
            raise(new MqttSessionAlert(MqttSessionHealth.AlarmKind.TAKEN_OVER, current.getClientId(),
                    current.getServerURI(), detail, now));
        } else {
            LOG.warn("disconnected from MQTT broker (reason {}): {}", reason, LogSafe.quote(response.getReasonString()));
            health().disconnected(now);
        }
        if (reconnectAfterLoss && isRunAllowed()) {
            scheduleReconnect(FIRST_RETRY_MILLIS);
        }
    }

    /**
     * Mosquitto 2.0.11 closes a taken-over connection without a DISCONNECT, so a takeover by a client that
     * resumes the session looks like a dropped connection; two clients fighting over one id drop each
     * other again and again while the broker answers every reconnect at once.
     */
    private synchronized String contested(Instant now) {
        recentLosses.addLast(now);
        while (!recentLosses.isEmpty() && recentLosses.peekFirst().isBefore(now.minus(CONTESTED_WINDOW))) {
            recentLosses.removeFirst();
        }
        if (recentLosses.size() < CONTESTED_LOSSES) {
            return null;
        }
        recentLosses.clear();
        return "the broker closed the connection " + CONTESTED_LOSSES + " times within " + CONTESTED_WINDOW.toSeconds()
                + " s and accepted every reconnect: another client is using this client id";
    }

    /** Sends a security event through the route, like a reject burst; it carries no MQTT message to acknowledge. */
    private void raise(MqttSessionAlert takeover) {
        Exchange exchange = createExchange(true);
        exchange.getIn().setBody(new byte[0]);
        exchange.setProperty(io.vigil.ingest.IngestProcessor.ALERT, takeover);
        getAsyncProcessor().process(exchange, done -> {
            if (exchange.getException() != null) {
                LOG.error("could not publish the security event about the MQTT session of {}: {}", takeover.clientId(),
                        exchange.getException().getMessage());
            }
            releaseExchange(exchange, true);
        });
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onMessage(topic, message);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // connectAndSubscribe() checks the session and subscribes: Paho's own reconnect is off
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            onDisconnected(response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the receiver never publishes
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication: identity is the TLS client certificate
        }
    }
}
