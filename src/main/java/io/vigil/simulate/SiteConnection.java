package io.vigil.simulate;

import java.time.Duration;
import java.util.UUID;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A site device's MQTT 5 connection, authenticated by the TLS client certificate its socket factory presents. */
public final class SiteConnection implements AutoCloseable {

    private final String siteId;
    private final MqttAsyncClient client;

    private SiteConnection(String siteId, MqttAsyncClient client) {
        this.siteId = siteId;
        this.client = client;
    }

    /** {@code siteId} names the client (and the topic prefix); the certificate decides who it really is. */
    public static SiteConnection open(String brokerUrl, String siteId, SocketFactory socketFactory)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, siteId + "-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(socketFactory);
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        client.connect(options).waitForCompletion(15_000);
        return new SiteConnection(siteId, client);
    }

    public String siteId() {
        return siteId;
    }

    /** {@code sites/<site-id>/}: the only place the broker lets this site write. */
    public String topicPrefix() {
        return "sites/" + siteId + "/";
    }

    /** Publishes at QoS 1; the token completes with the broker's PUBACK. */
    public IMqttToken publish(String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        return client.publish(topic, message);
    }

    /** Publishes at QoS 1; {@code listener} hears the PUBACK (or the failure) on Paho's thread. */
    public IMqttToken publish(String topic, byte[] payload, org.eclipse.paho.mqttv5.client.MqttActionListener listener)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        return client.publish(topic, message, null, listener);
    }

    /**
     * Publishes at QoS 1 with an MQTT 5 message expiry and calls {@code listener} when the broker's
     * PUBACK arrives (or the publish fails), for publishers that keep many messages in flight without
     * a thread per message. A message not delivered within {@code expiry} is dropped by the broker,
     * also from the queue of a persistent session that is offline.
     */
    public IMqttToken publish(String topic, byte[] payload, Duration expiry, MqttActionListener listener)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(expiry.toSeconds());
        message.setProperties(properties);
        return client.publish(topic, message, null, listener);
    }

    /**
     * Publishes at QoS 1 and waits for the PUBACK; returns its reason code: 0 = accepted,
     * 135 = not authorized (under MQTT 5 the broker tells the publisher that its ACL refused it).
     */
    public int publishAndWait(String topic, byte[] payload) throws MqttException {
        IMqttToken token = publish(topic, payload);
        token.waitForCompletion(15_000);
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } finally {
            client.close(true);
        }
    }
}
