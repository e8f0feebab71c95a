package io.vigil.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The benchmark's own Kafka topics: created before the system under test starts (Vigil's
 * TopicProvisioner leaves an existing topic alone), with {@code message.timestamp.type=LogAppendTime}
 * so that every record carries the broker's append time, and deleted afterwards.
 */
public final class BenchTopics {

    /** Kept short: a topic a crashed benchmark could not delete cleans itself up. */
    private static final Duration RETENTION = Duration.ofHours(2);

    private final Map<String, Object> client;
    private final int partitions;

    /** {@code client}: the admin principal's connection ({@link io.vigil.kafka.KafkaClientConfig#client}). */
    public BenchTopics(Map<String, Object> client, int partitions) {
        this.client = Map.copyOf(client);
        this.partitions = partitions;
    }

    public void create(String topic) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1).configs(Map.of(
                    "message.timestamp.type", "LogAppendTime",
                    "retention.ms", Long.toString(RETENTION.toMillis()),
                    "min.insync.replicas", "1")))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create benchmark topic " + topic + ": " + e.getMessage(), e);
        }
    }

    public void delete(String topic) {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // left behind: its short retention empties it
        }
    }

    /** Records in the topic (end offsets minus start offsets over all partitions), as a consumer sees them. */
    public long recordCount(String topic) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-bench-count");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> topicPartitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            long end = consumer.endOffsets(topicPartitions, Duration.ofSeconds(30)).values().stream().mapToLong(Long::longValue).sum();
            long start = consumer.beginningOffsets(topicPartitions, Duration.ofSeconds(30)).values().stream().mapToLong(Long::longValue).sum();
            return end - start;
        }
    }

    private Admin admin() {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(config);
    }
}
