package io.vigil.ingest;

import static org.assertj.core.api.Assertions.catchThrowable;

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

/**
 * The broker admits only clients with a certificate from the device CA. Each refusal must come from
 * the broker itself (a TLS or MQTT refusal after the TCP connection was accepted), never from a
 * broker that is down; the positive control shows the broker admits a good client.
 */
class BrokerAuthenticationIT {

    @Test
    void aClientWithTheDeviceCasCertificateIsAdmitted() throws Exception {
        String site = "auth-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (var connection = SiteClient.connect(site)) {
            org.assertj.core.api.Assertions.assertThat(connection).isNotNull();
        }
    }

    /** Refused by the broker: the TCP connection was accepted, then TLS (or MQTT) said no. */
    private static void assertRefusedByTheBroker(Throwable thrown, boolean byTls) {
        org.assertj.core.api.Assertions.assertThat(thrown).isInstanceOf(MqttException.class);
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        org.assertj.core.api.Assertions.assertThat(chain).as("the broker is up: the TCP connection was accepted")
                .noneMatch(t -> t instanceof java.net.ConnectException);
        if (byTls) {
            org.assertj.core.api.Assertions.assertThat(chain).as("refused in the TLS handshake")
                    .anyMatch(t -> t instanceof javax.net.ssl.SSLException);
        }
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        // trusts the broker, presents nothing
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(io.vigil.pki.PemFiles.readPkcs12(env.pki().truststore(), env.pki().password()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        assertRefusedByTheBroker(catchThrowable(() -> SiteClient.connect(context.getSocketFactory()).close()), true);
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

        assertRefusedByTheBroker(catchThrowable(() -> SiteClient.connect(
                io.vigil.ingest.mqtt.MqttTls.socketFactory(keystore, truststore, env.pki().password())).close()), true);
    }

    @Test
    void plainTcpWithoutTlsIsRefused() {
        // an ssl:// address with a plain socket factory is refused by the client library itself
        // (socket factory mismatch), which would prove nothing about the broker: speak plain tcp://
        Throwable thrown = catchThrowable(() -> SiteClient.connectWithoutTls().close());
        assertRefusedByTheBroker(thrown, false);
        org.assertj.core.api.Assertions.assertThat(((MqttException) thrown).getReasonCode()).as("the broker closed the connection")
                .isEqualTo((int) org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CONNECTION_LOST);
    }
}
