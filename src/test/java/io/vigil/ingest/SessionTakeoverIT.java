package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.ingest.mqtt.MqttSessionHealth;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.RawMqtt;
import io.vigil.testing.SignalLedger;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 1: a site must not be able to switch ingestion off by taking the receiver's MQTT
 * session, and a takeover by anyone who can (a holder of the service identity) must be noticed and
 * survived (docs/delivery.md, "Session takeover and lost sessions").
 */
class SessionTakeoverIT {

    private static final int MESSAGES = 25;

    @Test
    void aSiteCertificateWithTheReceiversClientIdDoesNotDisturbTheReceiver() throws Exception {
        String site = "it-takeover-" + UUID.randomUUID().toString().substring(0, 8);
        String intruder = "it-intruder-" + UUID.randomUUID().toString().substring(0, 8);
        try (VigilTestApp app = new VigilTestApp().forSites(site)) {
            DeviceSigner panel = TestSites.enroll(app.database(), site, SignatureAlgorithm.EDDSA);
            app.start();
            String receiverClientId = app.properties().get("vigil.mqtt.client-id");
            MqttSessionHealth health = health(app);
            await().atMost(Duration.ofSeconds(30)).until(() -> health.state() == MqttSessionHealth.State.CONNECTED);

            // an enrolled site's certificate, the receiver's client id, resume the session: as in the issue
            TestEnvironment.get().pki().issueSite(intruder);
            MqttAsyncClient attacker = RawMqtt.connect(TestEnvironment.get().sitesBrokerUrl(), receiverClientId, false,
                    io.vigil.ingest.mqtt.MqttTls.socketFactory(TestEnvironment.get().pki().siteKeystore(intruder),
                            TestEnvironment.get().pki().truststore(), TestEnvironment.get().pki().password()));
            try (KafkaTopicReader reader = new KafkaTopicReader(app.topic("accepted"));
                 SiteConnection connection = SiteClient.connect(site)) {
                Set<String> published = publish(panel, connection);
                SignalLedger ledger = new SignalLedger(app.topic("accepted"));
                reader.pollUntil(records -> ledger.update(records).accepted().containsAll(published), Duration.ofSeconds(60));

                assertThat(ledger.accepted()).containsAll(published);
                // the receiver never lost its session: nothing took it over, nothing had to be recovered
                assertThat(health.takeovers()).isZero();
                assertThat(health.sessionsLost()).isZero();
                assertThat(health.alarm()).isEmpty();
                assertThat(attacker.isConnected()).as("the intruder holds its own session, not the receiver's").isTrue();
            } finally {
                RawMqtt.closeQuietly(attacker);
            }
        }
    }

    @Test
    void aTakeoverWithACleanStartWipesTheSessionAndTheReceiverRaisesASecurityEventAndResubscribes() throws Exception {
        String site = "it-takeover-" + UUID.randomUUID().toString().substring(0, 8);
        try (VigilTestApp app = new VigilTestApp().forSites(site)) {
            DeviceSigner panel = TestSites.enroll(app.database(), site, SignatureAlgorithm.EDDSA);
            app.start();
            String receiverClientId = app.properties().get("vigil.mqtt.client-id");
            MqttSessionHealth health = health(app);
            await().atMost(Duration.ofSeconds(30)).until(() -> health.state() == MqttSessionHealth.State.CONNECTED);

            // the receiver's own identity and client id, clean start: the session and its subscription are wiped
            MqttAsyncClient intruder = RawMqtt.connect(app.properties().get("vigil.mqtt.broker-url"), receiverClientId, true,
                    RawMqtt.receiverIdentity());
            RawMqtt.closeQuietly(intruder);

            assertSecurityEvent(app, "session_lost");
            // it came back, found the session gone, subscribed again
            await().atMost(Duration.ofSeconds(60)).until(() -> health.state() == MqttSessionHealth.State.CONNECTED
                    && health.sessionsLost() == 1);
            assertThat(health.alarm()).map(MqttSessionHealth.Alarm::kind).contains(MqttSessionHealth.AlarmKind.SESSION_LOST);
            assertThat(health.healthy()).isFalse();

            assertMessagesFlow(app, site, panel);
        }
    }

    @Test
    void aClientFightingForTheReceiversSessionRaisesASecurityEventAndTheReceiverKeepsReceiving() throws Exception {
        String site = "it-takeover-" + UUID.randomUUID().toString().substring(0, 8);
        try (VigilTestApp app = new VigilTestApp().forSites(site)) {
            DeviceSigner panel = TestSites.enroll(app.database(), site, SignatureAlgorithm.EDDSA);
            app.start();
            String receiverClientId = app.properties().get("vigil.mqtt.client-id");
            MqttSessionHealth health = health(app);

            // resumes the receiver's session (clean start false) again and again, as a client with automatic reconnect would
            for (int round = 0; round < 3; round++) {
                await().atMost(Duration.ofSeconds(30)).until(() -> health.state() == MqttSessionHealth.State.CONNECTED);
                MqttAsyncClient intruder = RawMqtt.connect(app.properties().get("vigil.mqtt.broker-url"), receiverClientId,
                        false, RawMqtt.receiverIdentity());
                await().atMost(Duration.ofSeconds(30)).until(() -> !intruder.isConnected());
                intruder.close(true);
            }

            assertSecurityEvent(app, "session_taken_over");
            await().atMost(Duration.ofSeconds(30)).until(() -> health.state() == MqttSessionHealth.State.CONNECTED);
            assertThat(health.takeovers()).isEqualTo(1);
            assertThat(health.alarm()).map(MqttSessionHealth.Alarm::kind).contains(MqttSessionHealth.AlarmKind.TAKEN_OVER);

            assertMessagesFlow(app, site, panel);
        }
    }

    private static void assertSecurityEvent(VigilTestApp app, String code) {
        try (KafkaTopicReader security = new KafkaTopicReader(app.topic("security"))) {
            var events = security.pollUntil(records -> records.stream().anyMatch(record -> hasCode(record, code)),
                    Duration.ofSeconds(60));
            assertThat(events).anyMatch(record -> hasCode(record, code));
        }
    }

    private static void assertMessagesFlow(VigilTestApp app, String site, DeviceSigner panel) throws Exception {
        try (KafkaTopicReader reader = new KafkaTopicReader(app.topic("accepted"));
             SiteConnection connection = SiteClient.connect(site)) {
            Set<String> published = publish(panel, connection);
            SignalLedger ledger = new SignalLedger(app.topic("accepted"));
            reader.pollUntil(records -> ledger.update(records).accepted().containsAll(published), Duration.ofSeconds(60));

            assertThat(ledger.accepted()).containsAll(published);
        }
    }

    private static boolean hasCode(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String code) {
        return new String(record.value(), StandardCharsets.UTF_8).contains("\"" + code + "\"");
    }

    private static MqttSessionHealth health(VigilTestApp app) {
        return app.application().camelContext().getRegistry()
                .lookupByNameAndType("mqttSessionHealth", MqttSessionHealth.class);
    }

    private static Set<String> publish(DeviceSigner panel, SiteConnection connection) throws Exception {
        Set<String> published = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            byte[] envelope = panel.sign(Encoding.JWS, "application/vnd.vigil.heartbeat",
                    ("beat " + i).getBytes(StandardCharsets.UTF_8));
            published.add(EnvelopeIds.messageId(envelope));
            connection.publishAndWait(panel.topic(), envelope);
        }
        return published;
    }
}
