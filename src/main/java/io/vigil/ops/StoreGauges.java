package io.vigil.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.audit.AuditHead;
import io.vigil.support.LogSafe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges that cost a query: outbox backlog, audit chain head, Kafka consumer lag per group. One
 * thread reads them every refresh interval, so a scrape never waits on PostgreSQL or Kafka and a
 * busy Prometheus cannot load them. A value that could not be read keeps its last reading; the
 * {@code *_refresh_age_seconds} gauges tell how old that is. The Kafka readiness check is answered
 * from here as well: Kafka is up while the latest round reached it.
 */
final class StoreGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGauges.class);
    private static final String OUTBOX = "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(changed_at)), 0)"
            + " FROM incident_outbox WHERE published_at IS NULL";

    private final DataSource dataSource;
    private final Admin kafka;
    private final List<String> groups;
    private final Duration interval;
    private final ScheduledExecutorService executor;

    private volatile double outboxBacklog = Double.NaN;
    private volatile double outboxOldestSeconds = Double.NaN;
    private volatile double auditHeadSeq = Double.NaN;
    private volatile long auditHeadMillis;
    private final Map<String, Double> lag = new ConcurrentHashMap<>();
    private volatile long databaseReadNanos;
    private volatile long kafkaReadNanos;
    private volatile Health kafkaHealth = Health.down("not reached yet");

    StoreGauges(MeterRegistry registry, DataSource dataSource, io.vigil.kafka.KafkaClientConfig clients, List<String> groups,
                Duration interval) {
        this.dataSource = dataSource;
        this.groups = List.copyOf(groups);
        this.interval = interval;
        // the admin principal (docs/topics.md): it may describe every consumer group and topic
        Map<String, Object> admin = clients.client(io.vigil.kafka.KafkaPrincipal.ADMIN);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-ops");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, interval.toMillis()));
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(2000, interval.toMillis()));
        this.kafka = Admin.create(admin);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-ops-gauges");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("vigil.outbox.backlog", this, g -> g.outboxBacklog)
                .description("incident changes written but not yet published to Kafka").register(registry);
        Gauge.builder("vigil.outbox.oldest.age", this, g -> g.outboxOldestSeconds).baseUnit("seconds")
                .description("age of the oldest unpublished incident change").register(registry);
        Gauge.builder("vigil.audit.head.seq", this, g -> g.auditHeadSeq)
                .description("sequence number of the newest audit row").register(registry);
        Gauge.builder("vigil.audit.head.age", this, g -> g.auditHeadMillis == 0 ? Double.NaN
                        : (System.currentTimeMillis() - g.auditHeadMillis) / 1000.0).baseUnit("seconds")
                .description("time since the newest audit row was recorded").register(registry);
        for (String group : this.groups) {
            Gauge.builder("vigil.kafka.consumer.lag", lag, l -> l.getOrDefault(group, Double.NaN)).tag("group", group)
                    .description("records in the group's topics not yet committed by the group").register(registry);
        }
        Gauge.builder("vigil.ops.refresh.age", this, g -> age(g.databaseReadNanos)).tag("source", "postgresql")
                .baseUnit("seconds").description("time since these gauges were last read").register(registry);
        Gauge.builder("vigil.ops.refresh.age", this, g -> age(g.kafkaReadNanos)).tag("source", "kafka")
                .baseUnit("seconds").description("time since these gauges were last read").register(registry);
    }

    StoreGauges start() {
        executor.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    HealthCheck kafkaCheck() {
        return HealthCheck.of("kafka", () -> {
            if (kafkaReadNanos != 0 && System.nanoTime() - kafkaReadNanos > 3 * interval.toNanos()) {
                return Health.down("not reached for " + Math.round(age(kafkaReadNanos)) + " s");
            }
            return kafkaHealth;
        });
    }

    private void refresh() {
        try {
            readDatabase();
            databaseReadNanos = System.nanoTime();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("ops gauges: PostgreSQL not read: {}", LogSafe.quote(String.valueOf(e.getMessage())));
        }
        try {
            readKafka();
            kafkaReadNanos = System.nanoTime();
            kafkaHealth = Health.up("cluster reached, " + groups.size() + " consumer groups read");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            kafkaHealth = Health.down("cannot reach Kafka: " + LogSafe.quote(String.valueOf(e.getMessage())));
        }
    }

    private void readDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement s = connection.prepareStatement(OUTBOX); ResultSet rs = s.executeQuery()) {
                rs.next();
                outboxBacklog = rs.getLong(1);
                outboxOldestSeconds = rs.getDouble(2);
            }
            AuditHead.read(connection).ifPresent(head -> {
                auditHeadSeq = head.seq();
                auditHeadMillis = head.recordedAt().toEpochMilli();
            });
        }
    }

    private void readKafka() throws Exception {
        long timeout = Math.max(2000, interval.toMillis());
        kafka.describeCluster().clusterId().get(timeout, TimeUnit.MILLISECONDS);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        for (String group : groups) {
            committed.put(group, kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(timeout, TimeUnit.MILLISECONDS));
        }
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(p -> wanted.put(p, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = wanted.isEmpty() ? Map.of()
                : kafka.listOffsets(wanted).all().get(timeout, TimeUnit.MILLISECONDS);
        for (var group : committed.entrySet()) {
            long total = 0;
            for (var partition : group.getValue().entrySet()) {
                var end = ends.get(partition.getKey());
                if (end != null && partition.getValue() != null) {
                    total += Math.max(0, end.offset() - partition.getValue().offset());
                }
            }
            lag.put(group.getKey(), (double) total);
        }
    }

    private static double age(long nanos) {
        return nanos == 0 ? Double.NaN : (System.nanoTime() - nanos) / 1e9;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        kafka.close(Duration.ofSeconds(2));
    }
}
