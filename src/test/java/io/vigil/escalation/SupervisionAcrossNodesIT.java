package io.vigil.escalation;

import static io.vigil.escalation.EventFeed.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.kafka.StageKafkaComponent;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.VigilTestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat supervision on two nodes (docs/cluster.md, "Supervision"): each node consumes only its
 * partitions' heartbeats, yet the node that judges deadlines (the singleton's holder) knows the
 * heartbeats the other consumed: no false comms failure; and a real miss still raises its incident.
 */
class SupervisionAcrossNodesIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private static final int INTERVAL_SECONDS = 5;

    @Test
    void theJudgingNodeKnowsTheHeartbeatsTheOtherNodeConsumed() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase database = TestDatabase.createMigrated();
             VigilTestApp a = node(new VigilTestApp().withDatabase(database).forSites("supervision-nodes-nobody"), "a", run);
             VigilTestApp b = node(new VigilTestApp().withDatabase(database), "b", run);
             EventFeed feed = new EventFeed()) {
            a.overrides().forEach((k, v) -> {
                if (!k.equals("vigil.cluster.node-id") && !k.equals("vigil.supervision.snapshot-file")) {
                    b.with(k, v);
                }
            });
            a.start();
            b.start();
            assertThat(a.application().cluster().holdsSingleton()).isTrue();
            String group = a.properties().get("vigil.escalation.group-id");
            String topic = a.topic("heartbeat");
            String nodeB = b.properties().get("vigil.cluster.node-id");
            Set<Integer> ofB = await("both nodes consume heartbeat partitions").atMost(Duration.ofSeconds(60))
                    .until(() -> partitionsOf(group, topic, nodeB), p -> !p.isEmpty() && p.size() < 12);
            // sites whose heartbeats node b consumes (and so node a, which judges, does not)
            List<String> sites = new ArrayList<>();
            for (int i = 0; sites.size() < 3; i++) {
                String site = "sup-nodes-" + run + "-" + i;
                if (ofB.contains(Utils.toPositive(Utils.murmur2(site.getBytes())) % 12)) {
                    sites.add(site);
                }
            }
            for (String site : sites) {
                enroll(database, site);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> sites.stream()
                    .allMatch(s -> a.application().supervision().engine().status(s).isPresent()));

            Instant first = CLOCK.instant();
            for (String site : sites) {
                feed.send(topic, heartbeat(site, first));
            }
            await("node a knows the heartbeats node b consumed").atMost(Duration.ofSeconds(20))
                    .until(() -> sites.stream().allMatch(s -> heardAt(a, s, first)));
            CLOCK.advance(Duration.ofSeconds(4));
            Instant second = CLOCK.instant();
            for (String site : sites) {
                feed.send(topic, heartbeat(site, second));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> sites.stream().allMatch(s -> heardAt(a, s, second)));

            CLOCK.advance(Duration.ofSeconds(4)); // past the first heartbeat's deadline, within the second's
            a.awaitSupervisionAt(CLOCK.instant());
            assertThat(commsIncidents(database, sites)).as("no false comms failure").isZero();

            CLOCK.advance(Duration.ofSeconds(3)); // a real miss: the second heartbeat's deadline passed
            await("a real miss raises its incident").atMost(Duration.ofSeconds(10))
                    .until(() -> commsIncidents(database, sites) == sites.size());
        }
    }

    private static VigilTestApp node(VigilTestApp app, String name, String run) {
        return app.withEscalationClock(CLOCK)
                .with("vigil.cluster.node-id", "node-" + name + "-" + run)
                .with("vigil.cluster.lease-duration", "3s")
                .with("vigil.supervision.grace", "1s")
                .with("vigil.supervision.registry-refresh-ms", "200")
                .with("vigil.supervision.snapshot-file", "target/test-supervision/" + run + "-" + name + "/engine.snapshot");
    }

    private static boolean heardAt(VigilTestApp app, String site, Instant at) {
        return app.application().supervision().engine().status(site)
                .flatMap(s -> s.lastHeartbeat()).map(h -> !h.isBefore(at)).orElse(false);
    }

    private static Set<Integer> partitionsOf(String group, String topic, String node) throws Exception {
        Set<Integer> partitions = new HashSet<>();
        try (Admin admin = Admin.create(TestEnvironment.get().kafkaClient())) {
            for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
                    .get(group).members()) {
                if (node.equals(StageKafkaComponent.nodeOf(member.clientId()))) {
                    for (TopicPartition p : member.assignment().topicPartitions()) {
                        if (p.topic().equals(topic)) {
                            partitions.add(p.partition());
                        }
                    }
                }
            }
        }
        return partitions;
    }

    private static void enroll(TestDatabase database, String siteId) throws Exception {
        try (Connection c = connect(database)) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sites (id, name) VALUES (?, 'cluster test')")) {
                s.setString(1, siteId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO site_supervision (site_id, interval_seconds) VALUES (?, ?)")) {
                s.setString(1, siteId);
                s.setInt(2, INTERVAL_SECONDS);
                s.executeUpdate();
            }
        }
    }

    private static long commsIncidents(TestDatabase database, List<String> sites) throws Exception {
        try (Connection c = connect(database);
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM incidents WHERE site_id = ANY(?) AND category = 'comms'")) {
            s.setArray(1, c.createArrayOf("text", sites.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect(TestDatabase database) throws Exception {
        return DriverManager.getConnection(database.config().url(), database.config().appUser(),
                database.config().appPassword());
    }
}
