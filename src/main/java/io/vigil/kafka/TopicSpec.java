package io.vigil.kafka;

import java.time.Duration;
import java.util.Map;

/** A Kafka topic as Vigil creates it: see docs/topics.md. */
public record TopicSpec(String name, int partitions, Duration retention, boolean compacted) {

    public TopicSpec {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("invalid Kafka topic name: " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
    }

    Map<String, String> configs() {
        return Map.of(
                "cleanup.policy", compacted ? "compact" : "delete",
                "retention.ms", Long.toString(retention.toMillis()),
                // a single-node development broker; production sets replication in the broker defaults
                "min.insync.replicas", "1");
    }
}
