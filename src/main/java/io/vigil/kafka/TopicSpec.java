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

    /** Replicas of every topic on a cluster of this many brokers: 3, or every broker of a smaller one. */
    static short replicationFactor(int brokers) {
        return (short) Math.max(1, Math.min(3, brokers));
    }

    /**
     * In-sync replicas an {@code acks=all} write needs: 2 of 3, so that one broker may fail without
     * stopping writes and no acknowledged record lives on one broker only; 1 on a smaller cluster.
     */
    static int minInsyncReplicas(int brokers) {
        return brokers >= 3 ? 2 : 1;
    }

    Map<String, String> configs(int brokers) {
        return Map.of(
                "cleanup.policy", compacted ? "compact" : "delete",
                "retention.ms", Long.toString(retention.toMillis()),
                "min.insync.replicas", Integer.toString(minInsyncReplicas(brokers)));
    }
}
