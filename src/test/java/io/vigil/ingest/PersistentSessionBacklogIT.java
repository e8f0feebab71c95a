package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.KafkaTopicReader;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.SiteClient;
import io.vigil.testing.VigilTestApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What arrives while the receiver is down is kept by the broker (persistent session) and reaches
 * Kafka when the receiver comes back. Camel 4.17's own paho consumers connect before they set their
 * callback, so this backlog — delivered right after CONNACK — could be neither processed nor
 * acknowledged; vigil-mqtt5 sets the callback first.
 */
class PersistentSessionBacklogIT {

    private static final int BACKLOG = 2_000;

    @Test
    void theBacklogOfAPersistentSessionReachesKafkaAfterARestart() throws Exception {
        String batch = UUID.randomUUID().toString();
        VigilTestApp first = new VigilTestApp();
        String clientId = first.properties().get("vigil.mqtt.client-id");
        String topic = first.topic("received");
        first.start(); // creates the persistent session and its subscription
        first.close();

        try (SiteConnection site = SiteClient.connect("site-0003")) {
            for (int i = 0; i < BACKLOG; i++) {
                site.publishAndWait("sites/site-0003/backlog", (batch + " " + i).getBytes(StandardCharsets.UTF_8));
            }
        }

        try (VigilTestApp second = new VigilTestApp()
                     .with("vigil.mqtt.client-id", clientId)
                     .with("vigil.kafka.topic.received", topic)
                     .start();
             KafkaTopicReader reader = new KafkaTopicReader(topic)) {
            Set<String> received = new HashSet<>();
            reader.pollUntil(records -> {
                records.forEach(r -> {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    if (value.startsWith(batch)) {
                        received.add(value);
                    }
                });
                return received.size() == BACKLOG;
            }, Duration.ofSeconds(60));

            assertThat(received).hasSize(BACKLOG);
        }
    }
}
