package io.vigil.testing;

import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.simulate.SiteConnection;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Connects test devices to the test environment's broker. */
public final class SiteClient {

    private SiteClient() {}

    /** Connects as {@code siteId} with its dev PKI certificate (issued on demand). */
    public static SiteConnection connect(String siteId) throws MqttException {
        TestEnvironment env = TestEnvironment.get();
        env.pki().issueSite(siteId);
        return SiteConnection.open(env.sitesBrokerUrl(), siteId,
                MqttTls.socketFactory(env.pki().siteKeystore(siteId), env.pki().truststore(), env.pki().password()));
    }

    /** Connects with any socket factory: for tests of what the broker refuses. */
    public static SiteConnection connect(SocketFactory socketFactory) throws MqttException {
        return SiteConnection.open(TestEnvironment.get().sitesBrokerUrl(), "test", socketFactory);
    }

    /** Speaks plain MQTT (no TLS) to the sites listener: for the test that the broker refuses it. */
    public static SiteConnection connectWithoutTls() throws MqttException {
        String url = TestEnvironment.get().sitesBrokerUrl().replaceFirst("^ssl://", "tcp://");
        return SiteConnection.open(url, "test", SocketFactory.getDefault());
    }
}
