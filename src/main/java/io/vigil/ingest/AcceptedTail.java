package io.vigil.ingest;

import io.vigil.trust.replay.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the replay guard's crash gap at start: the guard persists per-device sequence state only
 * every flush interval and keeps message ids in memory, so before the receiver takes messages it
 * reads what was accepted in the {@code lookBack} (replay horizon + flush interval) before the newest
 * record of {@code signals.accepted} back from that topic and records it (docs/envelope.md, "Restarts").
 */
public final class AcceptedTail {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptedTail.class);

    private AcceptedTail() {}

    /** Returns how many accepted records were fed to the guard. */
    public static int replayInto(ReplayGuard guard, KafkaClientConfig clients, String topic, Duration lookBack, Instant now) {
        Map<String, Object> config = clients.client(KafkaPrincipal.INGEST);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "vigil-replay-tail-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        int fed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> newest = newestTimestamps(consumer, ends);
            Map<TopicPartition, Long> query = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long anchor = Math.min(now.toEpochMilli(), newest.getOrDefault(partition, now.toEpochMilli()));
                query.put(partition, anchor - lookBack.toMillis());
            }
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                long end = ends.get(partition);
                if (start != null && start.offset() < end) {
                    consumer.seek(partition, start.offset());
                    remaining.put(partition, end);
                } else {
                    consumer.seek(partition, end);
                }
            }
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (feed(guard, record)) {
                        fed++;
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), Duration.ofSeconds(30)) >= e.getValue());
            }
        }
        LOG.info("replay guard: {} envelopes accepted in the last {} recorded from {}", fed, lookBack, topic);
        return fed;
    }

    /**
     * The timestamp of each non-empty partition's last record: the look-back is counted from there, not
     * from now, so that after a receiver was down longer than the look-back the last envelopes it
     * accepted (whose sequence state may not have been flushed) are still recorded.
     */
    private static Map<TopicPartition, Long> newestTimestamps(KafkaConsumer<byte[], byte[]> consumer,
                                                             Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> newest = new HashMap<>();
        for (var e : ends.entrySet()) {
            consumer.seek(e.getKey(), Math.max(0, e.getValue() - 1));
        }
        Map<TopicPartition, Long> pending = new HashMap<>(ends);
        pending.values().removeIf(end -> end == 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                newest.merge(partition, record.timestamp(), Math::max);
            }
            pending.entrySet().removeIf(e -> consumer.position(e.getKey(), Duration.ofSeconds(30)) >= e.getValue());
        }
        return newest;
    }

    private static boolean feed(ReplayGuard guard, ConsumerRecord<byte[], byte[]> record) {
        String site = header(record, SignalHeaders.SITE);
        String device = header(record, SignalHeaders.DEVICE);
        String seq = header(record, SignalHeaders.SEQ);
        String mid = header(record, SignalHeaders.MESSAGE_ID);
        String iat = header(record, SignalHeaders.ISSUED_AT);
        if (site == null || device == null || seq == null || mid == null || iat == null) {
            return false;
        }
        guard.recordAccepted(site, device, Long.parseLong(seq), mid, record.value(), Instant.parse(iat));
        return true;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
