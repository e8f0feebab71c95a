package io.vigil.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.cluster.ClusterConfig;
import io.vigil.cluster.GroupAssignments;
import io.vigil.cluster.LeaseStore;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.support.LogSafe;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "cluster", description = "The nodes of a redundant receiver (docs/cluster.md).",
        subcommands = ClusterCommand.Status.class)
final class ClusterCommand {

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Which node holds which slots and singletons, its Kafka partitions and its lag.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            VigilProperties properties = VigilProperties.load();
            ClusterConfig config = ClusterConfig.from(properties);
            PrintStream out = System.out;
            try (HikariDataSource pool = Database.appPool(DatabaseConfig.from(properties).withPoolSize(1), "vigil-cli")) {
                out.println("cluster " + config.cluster() + " (its escalation consumer group)");
                out.println("nodes");
                for (LeaseStore.NodeRow node : LeaseStore.nodes(pool, config.cluster(), config.leaseDuration())) {
                    out.printf("  %-30s %-8s started %s, last renewal %s%n", node.nodeId(),
                            node.live() ? "live" : node.stoppedAt() != null ? "stopped" : "gone", node.startedAt(),
                            node.seenAt());
                }
                out.println("leases");
                Instant now = Instant.now();
                for (LeaseStore.LeaseRow lease : LeaseStore.leases(pool, config.cluster())) {
                    out.printf("  %-14s %-30s token %-6d %s%n", lease.name(), lease.nodeId(), lease.token(),
                            lease.live() ? "held, renewed until " + lease.expiresAt() : "free since " + lease.expiresAt());
                }
            }
            out.println("kafka partitions and lag per node");
            List<String> groups = List.of(properties.get("vigil.normalize.group-id"), properties.get("vigil.escalation.group-id"),
                    properties.get("vigil.audit.signals.group-id"));
            try {
                for (GroupAssignments.Share share : GroupAssignments.read(KafkaClientConfig.from(properties), groups)) {
                    out.printf("  %-26s %-30s %3d partitions, lag %d%n", share.group(), share.node(),
                            share.partitions(), share.lag());
                }
            } catch (Exception e) {
                out.println("  Kafka not reachable: " + LogSafe.quote(String.valueOf(e.getMessage())));
                return 1;
            }
            return 0;
        }
    }

    private ClusterCommand() {}
}
