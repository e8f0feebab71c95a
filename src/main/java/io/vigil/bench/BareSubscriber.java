package io.vigil.bench;

import io.vigil.config.VigilProperties;
import io.vigil.ingest.mqtt.MqttTls;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The far end of broker_ceiling, run as {@code vigil bench subscriber}: a bare Paho MQTT 5 client
 * (the receiver's certificate, QoS 1, Paho's automatic acknowledgements) that counts and times every
 * message in its callback, reports progress on standard output and its tally when asked.
 */
public final class BareSubscriber {

    private BareSubscriber() {}

    public static void run(VigilProperties properties, String filter, String clientId, String tag,
                           Map<BenchStamp.Phase, Long> expected) throws MqttException {
        DeliveryCounter counter = new DeliveryCounter(tag, expected);
        MqttAsyncClient client = new MqttAsyncClient(properties.get("vigil.mqtt.broker-url"), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(MqttTls.socketFactory(
                properties.getPath("vigil.mqtt.keystore", "var/pki/receiver.p12"),
                properties.getPath("vigil.mqtt.truststore", "var/pki/truststore.p12"),
                properties.get("vigil.mqtt.keystore-password").toCharArray()));
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        client.setCallback(new Counting(counter));
        client.connect(options).waitForCompletion(15_000);
        IMqttToken subscribed = client.subscribe(filter, 1);
        subscribed.waitForCompletion(15_000);
        int[] granted = subscribed.getGrantedQos();
        if (granted == null || granted.length == 0 || granted[0] != 1) {
            throw new IllegalStateException("the broker did not grant QoS 1 on " + filter);
        }

        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        long[][] last = {new long[0]};
        reporter.scheduleAtFixedRate(() -> {
            long[] now = Arrays.stream(BenchStamp.Phase.values()).mapToLong(counter::received).toArray();
            if (!Arrays.equals(now, last[0])) {
                last[0] = now;
                ChildProtocol.progress(now);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        ChildProtocol.announceReady();
        ChildProtocol.serveUntilEndOfInput(command -> {
            if (command.equals(ChildProtocol.FINISH)) {
                ChildProtocol.result(DeliveryTally.toMap(counter.tally()));
            }
        });
        reporter.shutdownNow();
        client.disconnect().waitForCompletion(5_000);
        client.close(true);
    }

    private record Counting(DeliveryCounter counter) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long arrivedMicros = MicroTime.now();
            BenchPayload.INSTANCE.decode(message.getPayload())
                    .ifPresentOrElse(stamp -> counter.record(stamp, arrivedMicros), counter::recordForeign);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
