package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Replication follows the cluster's size (docs/cluster.md, docs/topics.md). */
class TopicSpecTest {

    private final TopicSpec spec = new TopicSpec("events.alarm", 12, Duration.ofDays(30), false);

    @Test
    void threeBrokersOrMoreGetThreeReplicasWithTwoInSync() {
        assertThat(TopicSpec.replicationFactor(3)).isEqualTo((short) 3);
        assertThat(TopicSpec.replicationFactor(5)).isEqualTo((short) 3);
        assertThat(spec.configs(3)).containsEntry("min.insync.replicas", "2");
        assertThat(spec.configs(5)).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void aSmallerClusterReplicatesToEveryBrokerWithOneInSync() {
        assertThat(TopicSpec.replicationFactor(1)).isEqualTo((short) 1);
        assertThat(TopicSpec.replicationFactor(2)).isEqualTo((short) 2);
        assertThat(spec.configs(1)).containsEntry("min.insync.replicas", "1")
                .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "2592000000");
    }
}
