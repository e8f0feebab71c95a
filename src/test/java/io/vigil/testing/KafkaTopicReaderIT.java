package io.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The crash and outage tests conclude "nothing lost" from what this reader returns: a reader that
 * gave up silently when the records did not come would let such a test pass on a loss.
 */
class KafkaTopicReaderIT {

    private static final String TOPIC = "test-" + UUID.randomUUID().toString().substring(0, 8) + ".reader";

    @BeforeAll
    static void oneRecordOnItsOwnTopic() throws Exception {
        try (Admin admin = Admin.create(TestEnvironment.get().kafkaClient())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) -1))).all().get(30, TimeUnit.SECONDS);
        }
        try (var producer = new KafkaProducer<>(TestEnvironment.get().kafkaClient(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "present".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void removeTopic() throws Exception {
        try (Admin admin = Admin.create(TestEnvironment.get().kafkaClient())) {
            admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void returnsTheRecordsOnceTheConditionHolds() {
        try (KafkaTopicReader reader = new KafkaTopicReader(TOPIC)) {
            var records = reader.pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(30));
            assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("present");
        }
    }

    @Test
    void failsWithWhatItReadWhenTheRecordsDoNotCome() {
        try (KafkaTopicReader reader = new KafkaTopicReader(TOPIC)) {
            reader.pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(30)); // the record is there: only the missing one is awaited
            assertThatThrownBy(() -> reader.pollUntil(r -> r.size() > 1, Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("did not arrive within PT2S")
                    .hasMessageContaining("(1 records read)");
        }
    }
}
