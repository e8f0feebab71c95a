package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.pki.DevPki;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.RawMqtt;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 2: site and service identities do not share a namespace. A site certificate with
 * CN=receiver (issued by the device CA directly, as a careless or compromised enrolment could) gets
 * no service right on the site listener and is refused by the service listener; the dev PKI refuses
 * to issue it (docs/envelope.md, "Reserved ids"; docs/delivery.md, "Listeners and identities").
 */
class ServiceIdentityIT {

    @Test
    void aSiteCertificateNamedReceiverReadsNothingOnTheSiteListener() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String site = "it-identity-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "sites/" + site + "/panel-1";
        SocketFactory fakeReceiver = RawMqtt.identity(env.pki().deviceCa(), DevPki.RECEIVER);

        MqttAsyncClient spy = RawMqtt.connect(env.sitesBrokerUrl(), "it-spy-" + site, true, fakeReceiver);
        MqttAsyncClient receiver = RawMqtt.connect(env.mqttBrokerUrl(), "vigil-it-" + site, true, RawMqtt.receiverIdentity());
        try (SiteConnection connection = SiteClient.connect(site)) {
            List<String> spied = RawMqtt.collector();
            List<String> received = RawMqtt.collector();
            // Mosquitto 2.0.11 grants the subscription and applies the ACL at delivery: what counts is what arrives
            RawMqtt.subscribe(spy, "sites/#", spied);
            RawMqtt.subscribe(receiver, "sites/" + site + "/#", received);

            connection.publishAndWait(topic, "secret".getBytes(StandardCharsets.UTF_8));

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("secret"));
            assertThat(spied).isEmpty();
        } finally {
            RawMqtt.closeQuietly(spy);
            RawMqtt.closeQuietly(receiver);
        }
    }

    @Test
    void aSiteCertificateNamedReceiverCannotConnectToTheServiceListener() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        SocketFactory fakeReceiver = RawMqtt.identity(env.pki().deviceCa(), DevPki.RECEIVER);

        assertThatThrownBy(() -> RawMqtt.connect(env.mqttBrokerUrl(), "vigil-it-" + UUID.randomUUID(), true, fakeReceiver))
                .isInstanceOf(MqttException.class);
    }

    @Test
    void anEnrolledSitesCertificateCannotConnectToTheServiceListener() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String site = "it-identity-" + UUID.randomUUID().toString().substring(0, 8);
        env.pki().issueSite(site);

        assertThatThrownBy(() -> RawMqtt.connect(env.mqttBrokerUrl(), site, true,
                io.vigil.ingest.mqtt.MqttTls.socketFactory(env.pki().siteKeystore(site), env.pki().truststore(),
                        env.pki().password())))
                .isInstanceOf(MqttException.class);
    }

    @Test
    void theDevPkiRefusesReservedSiteIds() {
        DevPki pki = TestEnvironment.get().pki();
        for (String reserved : List.of("receiver", "Receiver", "vigil-receiver-1", "admin", "broker")) {
            assertThatThrownBy(() -> pki.issueSite(reserved)).as(reserved)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        }
        for (String malformed : List.of("$SYS", "+", "#", "sites/x", "a b")) {
            assertThatThrownBy(() -> pki.issueSite(malformed)).as(malformed).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
