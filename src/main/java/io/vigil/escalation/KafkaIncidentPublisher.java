package io.vigil.escalation;

import io.vigil.config.VigilProperties;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The incidents topic: key = site id, value = the record JSON, CloudEvents binary-mode headers
 * ({@code ce_id} = change id, {@code ce_type} = {@code io.vigil.incident.<change>.v1}). An idempotent
 * producer with acks=all; {@link #publish} waits for every acknowledgement.
 */
public final class KafkaIncidentPublisher implements IncidentPublisher {

    public static final String SOURCE = "vigil://incidents";

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    /** {@code client}: the escalation principal's connection ({@link KafkaClientConfig#client}). */
    public KafkaIncidentPublisher(Map<String, Object> client, String topic, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-incidents-relay"));
        config.putAll(extra);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    public static KafkaIncidentPublisher from(VigilProperties properties, KafkaClientConfig clients) {
        return new KafkaIncidentPublisher(clients.client(KafkaPrincipal.ESCALATION),
                properties.get("vigil.kafka.topic.incidents"), Map.of(
                        ProducerConfig.LINGER_MS_CONFIG, properties.getInt("vigil.kafka.linger-ms", 5),
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, properties.get("vigil.kafka.compression", "lz4"),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        properties.getInt("vigil.kafka.delivery-timeout-ms", 120_000)));
    }

    @Override
    public void publish(List<OutboxRecord> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (OutboxRecord record : records) {
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", "1.0");
            header(headers, "ce_id", record.changeId().toString());
            header(headers, "ce_source", SOURCE);
            header(headers, "ce_type", "io.vigil.incident." + record.change().wireName() + ".v1");
            header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(record.changedAt()));
            header(headers, "content-type", "application/json");
            sent.add(producer.send(new ProducerRecord<>(topic, null, record.siteId(),
                    record.payload().getBytes(StandardCharsets.UTF_8), headers)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EscalationException("interrupted while publishing incidents", e, true);
        } catch (ExecutionException e) {
            throw new EscalationException("cannot publish incidents: " + e.getCause().getMessage(), e.getCause(), true);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
