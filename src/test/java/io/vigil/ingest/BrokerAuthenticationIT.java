package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.pki.DevPki;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker admits only clients with a certificate from the device CA. */
class BrokerAuthenticationIT {

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        // trusts the broker, presents nothing
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(io.vigil.pki.PemFiles.readPkcs12(env.pki().truststore(), env.pki().password()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        assertThatThrownBy(() -> SiteClient.connect(context.getSocketFactory()).close())
                .isInstanceOf(MqttException.class);
    }

    @Test
    void aClientWhoseCertificateComesFromAnotherCaIsRefused(@TempDir Path otherPkiDir) throws Exception {
        TestEnvironment env = TestEnvironment.get();
        DevPki otherPki = new DevPki(otherPkiDir, env.pki().password());
        otherPki.init(List.of("site-0001")); // same CN as a real site, wrong CA
        Path keystore = otherPki.siteKeystore("site-0001");
        // trust the real broker so that only the client certificate can be the reason for refusal
        Path truststore = otherPkiDir.resolve("real-truststore.p12");
        Files.copy(env.pki().truststore(), truststore);

        assertThatThrownBy(() -> SiteClient.connect(
                io.vigil.ingest.mqtt.MqttTls.socketFactory(keystore, truststore, env.pki().password())).close())
                .isInstanceOf(MqttException.class);
    }

    @Test
    void plainTcpWithoutTlsIsRefused() {
        assertThatThrownBy(() -> SiteClient.connect(javax.net.SocketFactory.getDefault()).close())
                .isInstanceOf(MqttException.class);
    }
}
