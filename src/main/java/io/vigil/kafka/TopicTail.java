package io.vigil.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows topics from their end and hands each new record to a consumer, on its own thread, until closed. */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code client}: a principal's connection ({@link KafkaClientConfig#client}) that may read these topics. */
    public TopicTail(Map<String, Object> client, List<String> topics, Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "vigil-tail-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        thread = new Thread(() -> {
            try {
                while (running) {
                    consumer.poll(Duration.ofMillis(250)).forEach(sink);
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }, "vigil-topic-tail");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
