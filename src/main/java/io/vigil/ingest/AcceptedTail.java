package io.vigil.ingest;

import io.vigil.trust.replay.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * reads what was accepted in the last {@code lookBack} (replay horizon + flush interval) back from
 * {@code signals.accepted} and records it (docs/envelope.md, "crash gap").
 */
public final class AcceptedTail {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptedTail.class);

    private AcceptedTail() {}

    /** Returns how many accepted records were fed to the guard. */
    public static int replayInto(ReplayGuard guard, String bootstrapServers, String topic, Duration lookBack, Instant now) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
            long since = now.minus(lookBack).toEpochMilli();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
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

    private static boolean feed(ReplayGuard guard, ConsumerRecord<byte[], byte[]> record) {
        String site = header(record, SignalHeaders.SITE);
        String device = header(record, SignalHeaders.DEVICE);
        String seq = header(record, SignalHeaders.SEQ);
        String mid = header(record, SignalHeaders.MESSAGE_ID);
        String iat = header(record, SignalHeaders.ISSUED_AT);
        if (site == null || device == null || seq == null || mid == null || iat == null) {
            return false;
        }
        guard.recordAccepted(site, device, Long.parseLong(seq), mid, Instant.parse(iat));
        return true;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
