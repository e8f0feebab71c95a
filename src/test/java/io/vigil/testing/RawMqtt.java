package io.vigil.testing;

import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.pki.CertificateAuthority;
import io.vigil.pki.DevPki;
import io.vigil.pki.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * MQTT clients with whatever identity an attacker could hold, for tests of what the broker allows:
 * a chosen client id, clean start, and a certificate from a chosen CA.
 */
public final class RawMqtt {

    private RawMqtt() {}

    /** A client certificate with this CN from this CA, as a socket factory (the key never leaves the test). */
    public static SocketFactory identity(CertificateAuthority ca, String commonName) throws Exception {
        DevPki pki = TestEnvironment.get().pki();
        CertificateAuthority.IssuedCertificate issued = ca.issue(commonName, CertificateAuthority.Role.CLIENT,
                Duration.ofHours(1), List.of(), List.of());
        Path dir = Files.createTempDirectory("vigil-identity");
        Path keystore = dir.resolve("client.p12");
        PemFiles.writePkcs12(keystore, commonName, issued.privateKey(), pki.password(),
                new X509Certificate[] {issued.certificate(), issued.issuer()});
        SocketFactory factory = MqttTls.socketFactory(keystore, pki.truststore(), pki.password());
        Files.delete(keystore);
        Files.delete(dir);
        return factory;
    }

    /** The receiver's own identity (service CA), as the application uses it. */
    public static SocketFactory receiverIdentity() {
        DevPki pki = TestEnvironment.get().pki();
        return MqttTls.socketFactory(pki.keystore(DevPki.RECEIVER), pki.truststore(), pki.password());
    }

    /** Connects and waits for CONNACK; throws if the broker refuses. */
    public static MqttAsyncClient connect(String url, String clientId, boolean cleanStart, SocketFactory identity)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(identity);
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(cleanStart ? 0L : 300L);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        try {
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    /** Subscribes at QoS 1, collecting payloads; returns the reason code the broker granted. */
    public static int subscribe(MqttAsyncClient client, String filter, List<String> into) throws MqttException {
        org.eclipse.paho.mqttv5.client.IMqttMessageListener listener =
                (topic, message) -> into.add(new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
        IMqttToken token = client.subscribe(
                new org.eclipse.paho.mqttv5.common.MqttSubscription[] {new org.eclipse.paho.mqttv5.common.MqttSubscription(filter, 1)},
                null, null, new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {listener},
                new org.eclipse.paho.mqttv5.common.packet.MqttProperties());
        token.waitForCompletion(15_000);
        return token.getReasonCodes()[0];
    }

    public static List<String> collector() {
        return new CopyOnWriteArrayList<>();
    }

    public static void closeQuietly(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException ignored) {
            // the test is over; the broker drops the connection anyway
        }
    }
}
