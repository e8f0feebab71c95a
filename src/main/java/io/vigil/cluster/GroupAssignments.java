package io.vigil.cluster;

import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import io.vigil.kafka.StageKafkaComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which node holds which partitions of Vigil's consumer groups, and each node's lag, read from Kafka
 * with the admin principal (docs/cluster.md, "Status"). Nodes are told apart by their clients' ids
 * ({@link StageKafkaComponent#clientId}).
 */
public final class GroupAssignments {

    /** One node's share of one group: partitions held and records behind on them. */
    public record Share(String group, String node, int partitions, long lag) {}

    private GroupAssignments() {}

    public static List<Share> read(KafkaClientConfig clients, List<String> groups) throws Exception {
        Map<String, Object> config = clients.client(KafkaPrincipal.ADMIN);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-cluster-status");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                    .get(15, TimeUnit.SECONDS);
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
                committed.put(group, offsets);
                offsets.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                    : admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
            List<Share> shares = new java.util.ArrayList<>();
            for (String group : groups) {
                Map<String, int[]> partitions = new TreeMap<>();
                Map<String, long[]> lag = new TreeMap<>();
                for (MemberDescription member : described.get(group).members()) {
                    String node = java.util.Objects.requireNonNullElse(StageKafkaComponent.nodeOf(member.clientId()),
                            member.clientId() + "@" + member.host());
                    for (TopicPartition p : member.assignment().topicPartitions()) {
                        partitions.computeIfAbsent(node, n -> new int[1])[0]++;
                        OffsetAndMetadata at = committed.get(group).get(p);
                        var end = ends.get(p);
                        long behind = at == null || end == null ? 0 : Math.max(0, end.offset() - at.offset());
                        lag.computeIfAbsent(node, n -> new long[1])[0] += behind;
                    }
                }
                partitions.forEach((node, n) -> shares.add(new Share(group, node, n[0], lag.get(node)[0])));
            }
            return shares;
        }
    }
}
