package io.vigil.escalation;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.CloudEventHeaders;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventIds;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;
import io.vigil.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes canonical events to Kafka the way the normalise route does (key = site, CloudEvents headers). */
final class EventFeed implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            TestEnvironment.get().kafkaClient(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2)),
            new StringSerializer(), new ByteArraySerializer());

    static CanonicalEvent event(String site, EventClass eventClass, EventCategory category, String zone, Instant receivedAt) {
        return new CanonicalEvent(CanonicalEvent.SPEC_VERSION, EventIds.eventId(site, UUID.randomUUID().toString(), 0),
                site, "panel-1", "1234", SourceFormat.CID, eventClass, category, "130", true,
                eventClass == EventClass.RESTORE ? Qualifier.RESTORE : Qualifier.EVENT, zone, "01", null,
                eventClass == EventClass.HEARTBEAT ? 5 : 2, category.wireName() + " " + eventClass.wireName(), null,
                receivedAt, receivedAt, "key-1", UUID.randomUUID().toString(), null, null, null);
    }

    static CanonicalEvent heartbeat(String site, Instant receivedAt) {
        return event(site, EventClass.HEARTBEAT, EventCategory.SUPERVISION, null, receivedAt);
    }

    /** Sends and waits until Kafka has every record. */
    void send(String topic, List<CanonicalEvent> events) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (CanonicalEvent event : events) {
            RecordHeaders headers = new RecordHeaders();
            CloudEventHeaders.of(event).forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.US_ASCII)));
            sent.add(producer.send(new ProducerRecord<>(topic, null, event.siteId(),
                    EventJson.write(event).getBytes(StandardCharsets.UTF_8), headers)));
        }
        for (Future<RecordMetadata> future : sent) {
            future.get();
        }
    }

    void send(String topic, CanonicalEvent... events) throws Exception {
        send(topic, List.of(events));
    }

    @Override
    public void close() {
        producer.close();
    }
}
