package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.Publisher;
import io.vigil.testing.ServiceControl;
import io.vigil.testing.SiteClient;
import io.vigil.testing.VigilProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Nothing the broker accepted is lost when the receiver is killed or Kafka goes away mid-stream:
 * every message is in Kafka afterwards (some twice — at least once).
 */
class ReceiverCrashIT {

    private static final int MESSAGES = 10_000;

    @Test
    void aReceiverKilledWithSigkillMidStreamLosesNothingAfterRestart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = config(run);
        List<byte[]> payloads = payloads(run);

        VigilProcess first = VigilProcess.start(config, Duration.ofSeconds(60));
        try (SiteConnection site = SiteClient.connect("site-0001");
             KafkaTopicReader reader = new KafkaTopicReader(config.get("vigil.kafka.topic.received"));
             Publisher publisher = new Publisher(site, "sites/site-0001/crash", payloads)) {
            Set<String> seen = new HashSet<>();
            reader.pollUntil(records -> collect(records, run, seen) >= MESSAGES / 4, Duration.ofSeconds(60));
            first.kill();
            int beforeKill = seen.size();

            publisher.awaitDone(); // the broker holds the rest in the receiver's persistent session
            try (VigilProcess second = VigilProcess.start(config, Duration.ofSeconds(60))) {
                reader.pollUntil(records -> collect(records, run, seen) == MESSAGES, Duration.ofSeconds(120));
                assertThat(beforeKill).isLessThan(MESSAGES);
                assertThat(seen).hasSize(MESSAGES);
            }
        } finally {
            first.close();
        }
    }

    @Test
    void kafkaStoppedMidStreamAndRestartedLosesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = config(run);
        config.put("vigil.kafka.delivery-timeout-ms", "35000"); // let the route's retry take over too
        List<byte[]> payloads = payloads(run);

        try (VigilProcess vigil = VigilProcess.start(config, Duration.ofSeconds(60));
             SiteConnection site = SiteClient.connect("site-0002");
             KafkaTopicReader reader = new KafkaTopicReader(config.get("vigil.kafka.topic.received"))) {
            Set<String> seen = new HashSet<>();
            Publisher publisher = new Publisher(site, "sites/site-0002/outage", payloads);
            reader.pollUntil(records -> collect(records, run, seen) >= MESSAGES / 4, Duration.ofSeconds(60));
            ServiceControl.stop("kafka");
            try {
                // the stream goes on while Kafka is away: the broker and the receiver hold it
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> publisher.acknowledged() > MESSAGES / 2);
            } finally {
                ServiceControl.start("kafka");
            }
            publisher.awaitDone();
            reader.pollUntil(records -> collect(records, run, seen) == MESSAGES, Duration.ofSeconds(180));
            assertThat(seen).hasSize(MESSAGES);
        }
    }

    private static Map<String, String> config(String run) {
        Map<String, String> config = new HashMap<>();
        config.put("vigil.mqtt.client-id", "vigil-crash-" + run);
        config.put("vigil.mqtt.session-expiry-seconds", "300");
        config.put("vigil.kafka.topic.received", "test-" + run + ".received");
        config.put("vigil.db.migrate-on-start", "false");
        return config;
    }

    private static List<byte[]> payloads(String run) {
        return IntStream.range(0, MESSAGES).mapToObj(i -> (run + " " + i).getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static int collect(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records,
                               String run, Set<String> seen) {
        for (var record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            if (value.startsWith(run)) {
                seen.add(value);
            }
        }
        return seen.size();
    }
}
