package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.KafkaTopicReader;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.SiteClient;
import io.vigil.testing.VigilTestApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Smoke tests of the foundation: a site publishes over mutual TLS, the receiver route delivers to Kafka. */
class ReceiveIT {

    private static VigilTestApp app;

    @BeforeAll
    static void startReceiver() throws Exception {
        app = new VigilTestApp().start();
    }

    @AfterAll
    static void stopReceiver() {
        app.close();
    }

    @Test
    void aSiteMessageReachesKafkaKeyedBySite() throws Exception {
        String payload = "hello " + UUID.randomUUID();
        try (SiteConnection site = SiteClient.connect("site-0001");
             KafkaTopicReader reader = new KafkaTopicReader(app.topic("received"))) {
            assertThat(site.publishAndWait("sites/site-0001/alarm", bytes(payload))).isZero();

            var records = reader.pollUntil(r -> r.stream().anyMatch(rec -> has(rec, payload)), Duration.ofSeconds(30));

            ConsumerRecord<String, byte[]> record = records.stream().filter(rec -> has(rec, payload)).findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo("site-0001");
            assertThat(KafkaTopicReader.header(record, "vigil_site")).isEqualTo("site-0001");
            assertThat(KafkaTopicReader.header(record, "vigil_mqtt_topic")).isEqualTo("sites%2Fsite-0001%2Falarm");
        }
    }

    @Test
    void aSiteCannotPublishBelowAnotherSitesTopic() throws Exception {
        String forged = "forged " + UUID.randomUUID();
        String marker = "marker " + UUID.randomUUID();
        try (SiteConnection siteA = SiteClient.connect("site-0001");
             SiteConnection siteB = SiteClient.connect("site-0002");
             KafkaTopicReader reader = new KafkaTopicReader(app.topic("received"))) {
            // MQTT 5 tells the publisher: 135 = not authorized
            assertThat(siteA.publishAndWait("sites/site-0002/alarm", bytes(forged))).isEqualTo(135);
            assertThat(siteB.publishAndWait("sites/site-0002/alarm", bytes(marker))).isZero();

            var records = reader.pollUntil(r -> r.stream().anyMatch(rec -> has(rec, marker)), Duration.ofSeconds(30));

            assertThat(records).anyMatch(rec -> has(rec, marker));
            assertThat(records).noneMatch(rec -> has(rec, forged));
        }
    }

    private static boolean has(ConsumerRecord<String, byte[]> record, String payload) {
        return new String(record.value(), StandardCharsets.UTF_8).equals(payload);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
