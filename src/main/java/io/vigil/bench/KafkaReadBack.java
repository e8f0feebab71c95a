package io.vigil.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a benchmark topic from its beginning with a plain consumer (all partitions assigned, no
 * group) and counts every record. A record's arrival time is its Kafka timestamp, which on a topic
 * with {@code message.timestamp.type=LogAppendTime} is the broker's append time; Kafka keeps
 * milliseconds, so the middle of that millisecond is taken (an unbiased estimate, ±0.5 ms).
 */
public final class KafkaReadBack implements Arrivals {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DeliveryCounter counter;
    private final StampDecoder decoder;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long notAppendTime;
    private volatile RuntimeException failure;

    public KafkaReadBack(Map<String, Object> client, String topic, StampDecoder decoder, DeliveryCounter counter) {
        this.counter = counter;
        this.decoder = decoder;
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putAll(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "vigil-bench-read-back",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::readLoop, "bench-kafka-read-back");
        thread.setDaemon(true);
        thread.start();
    }

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    count(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
            notAppendTime++;
        }
        long arrivalMicros = record.timestamp() * 1000 + 500;
        decoder.decode(record.value()).ifPresentOrElse(stamp -> counter.record(stamp, arrivalMicros), counter::recordForeign);
    }

    @Override
    public long received(BenchStamp.Phase phase) {
        rethrow();
        return counter.received(phase);
    }

    @Override
    public Map<BenchStamp.Phase, DeliveryTally> finish() {
        rethrow();
        if (notAppendTime > 0) {
            throw new IllegalStateException(notAppendTime + " records carried no LogAppendTime timestamp:"
                    + " the topic was not created by the benchmark, latencies would be meaningless");
        }
        return counter.tally();
    }

    private void rethrow() {
        if (failure != null) {
            throw new IllegalStateException("reading the benchmark topic back failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
