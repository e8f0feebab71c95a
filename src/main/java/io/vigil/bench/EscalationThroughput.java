package io.vigil.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.escalation.EscalationIntake;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.KafkaIncidentPublisher;
import io.vigil.escalation.OutboxRelay;
import io.vigil.escalation.Signal;
import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.escalation.route.EscalationProcessor;
import io.vigil.escalation.route.TickProcessor;
import io.vigil.kafka.BatchCommit;
import io.vigil.kafka.KafkaAcls;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import io.vigil.kafka.StageKafkaComponent;
import io.vigil.kafka.TopicProvisioner;
import io.vigil.kafka.TopicSpec;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.CloudEventHeaders;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Measures the escalation stage for the benchmark harness (not a test): N synthetic canonical
 * events against a scratch database (created, migrated and dropped here).
 *
 * <ul>
 *   <li>{@code --mode direct}: the incident engine alone, batch after batch as fast as it goes:
 *       events/s and the commit time of each batch transaction;</li>
 *   <li>{@code --mode supervision}: {@code --sites} supervised sites in memory and {@code --events}
 *       sites missing their deadlines: heap, and deadline-to-incident-commit time;</li>
 *   <li>{@code --mode route}: the real escalation route ({@code routes/escalation.camel.yaml}) on
 *       Camel and Kafka; events are published at {@code --rate} per second and the latency is from
 *       each record's publish time (Kafka timestamp) to the commit of its incident transaction.</li>
 * </ul>
 * {@code --relay} then drains the outbox (Kafka and audit) and reports its rate. Output: one JSON line.
 */
@Command(name = "escalation-throughput", mixinStandardHelpOptions = true)
public final class EscalationThroughput implements Callable<Integer> {

    @Option(names = "--mode", defaultValue = "direct", description = "direct or route")
    String mode;
    @Option(names = "--events", defaultValue = "200000")
    int events;
    @Option(names = "--sites", defaultValue = "20000")
    int sites;
    @Option(names = "--batch", defaultValue = "500", description = "events per transaction (direct) or per poll (route)")
    int batch;
    @Option(names = "--rate", defaultValue = "0", description = "route mode: events/s to publish (0: as fast as possible)")
    int rate;
    @Option(names = "--consumers", defaultValue = "1", description = "route mode: escalation consumers (threads)")
    int consumers;
    @Option(names = "--relay", description = "afterwards, drain the outbox to Kafka and the audit trail")
    boolean relay;
    @Option(names = "--keep", description = "keep the scratch database")
    boolean keep;

    private static final EventCategory[] CATEGORIES = {EventCategory.BURGLARY, EventCategory.BURGLARY,
            EventCategory.BURGLARY, EventCategory.TECHNICAL, EventCategory.AC_LOSS, EventCategory.FIRE,
            EventCategory.TAMPER, EventCategory.PANIC};

    public static void main(String[] args) {
        System.exit(new CommandLine(new EscalationThroughput()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        VigilProperties properties = VigilProperties.load();
        DatabaseConfig base = DatabaseConfig.from(properties);
        String name = "vigil_escalation_" + UUID.randomUUID().toString().substring(0, 8);
        DatabaseConfig config = base.withUrl(base.url().substring(0, base.url().lastIndexOf('/') + 1) + name);
        // the name is generated here, not input: safe in DDL
        ddl(base, "CREATE DATABASE " + name + " OWNER " + base.ownerUser());
        ddl(base, "GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + base.appUser());
        Database.migrate(config);
        EscalationPolicy policy = EscalationPolicyLoader.load(
                properties.getPath("vigil.escalation.policy-file", "config/escalation-policy.yaml"));
        try (HikariDataSource pool = Database.appPool(config, "escalation-throughput")) {
            IncidentEngine engine = new IncidentEngine(pool, policy, Clock.systemUTC());
            List<CanonicalEvent> generated = mode.equals("supervision") ? List.of() : generate();
            String result = switch (mode) {
                case "route" -> route(properties, config, engine, generated);
                case "supervision" -> supervision(engine);
                default -> direct(engine, generated);
            };
            String relayResult = relay ? relay(properties, pool) : "null";
            System.out.printf(Locale.ROOT, "{\"mode\":\"%s\",\"events\":%d,\"sites\":%d,\"batch\":%d,%s,"
                    + "\"incidents\":%d,\"outbox_rows\":%d,\"relay\":%s}%n", mode, events, sites, batch, result,
                    count(pool, "SELECT count(*) FROM incidents"), count(pool, "SELECT count(*) FROM incident_outbox"),
                    relayResult);
        } finally {
            if (keep) {
                say("kept database %s", name);
            } else {
                ddl(base, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
        return 0;
    }

    private String direct(IncidentEngine engine, List<CanonicalEvent> generated) {
        Histogram commits = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long start = System.nanoTime();
        for (int from = 0; from < generated.size(); from += batch) {
            List<Signal> signals = generated.subList(from, Math.min(from + batch, generated.size())).stream()
                    .map(Signal::of).toList();
            long t0 = System.nanoTime();
            engine.process(signals);
            commits.recordValue(System.nanoTime() - t0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "\"events_per_s\":%.0f,\"batch_commit_ms\":%s", generated.size() / seconds,
                percentiles(commits));
    }

    private String route(VigilProperties base, DatabaseConfig database, IncidentEngine engine,
                         List<CanonicalEvent> generated) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> overrides = new HashMap<>();
        for (String role : List.of("alarm", "heartbeat", "security")) {
            overrides.put("vigil.kafka.topic." + role, "bench-" + run + "." + role);
        }
        overrides.put("vigil.escalation.group-id", "bench-escalation-" + run);
        overrides.put("vigil.escalation.batch-size", Integer.toString(batch));
        overrides.put("vigil.escalation.consumers", Integer.toString(consumers));
        overrides.put("vigil.db.url", database.url());
        // only the escalation route (and the shared error handling) of routes/
        overrides.put("camel.main.routes-include-pattern", "file:" + VigilProperties.home().resolve(
                "routes/error-handling.camel.yaml") + ",file:" + VigilProperties.home().resolve("routes/escalation.camel.yaml"));
        VigilProperties properties = base.with(overrides);
        KafkaClientConfig kafka = KafkaClientConfig.from(properties);
        String alarmTopic = properties.get("vigil.kafka.topic.alarm");
        TopicProvisioner.ensure(kafka, List.of("alarm", "heartbeat", "security").stream()
                .map(r -> new TopicSpec(properties.get("vigil.kafka.topic." + r), 12, Duration.ofDays(1), false)).toList());
        KafkaAcls.ensure(kafka, KafkaAcls.required(properties, kafka));

        Histogram latency = new Histogram(TimeUnit.SECONDS.toMillis(600), 3);
        AtomicLong committed = new AtomicLong();
        long[] firstLast = {0, 0};
        EscalationIntake intake = new EscalationIntake(engine, null, Duration.ofSeconds(30));
        Main main = new Main();
        main.setOverrideProperties(properties.asProperties());
        main.bind("escalationBatch", new EscalationProcessor(intake, publishedAt -> {
            long now = System.currentTimeMillis();
            synchronized (latency) {
                latency.recordValue(Math.max(0, now - publishedAt));
                if (firstLast[0] == 0) {
                    firstLast[0] = System.nanoTime();
                }
                firstLast[1] = System.nanoTime();
            }
            committed.incrementAndGet();
        }));
        main.bind("commitBatch", new BatchCommit());
        StageKafkaComponent.bindAll(kafka, main::bind);
        TickProcessor idle = new TickProcessor("idle", () -> { });
        for (String bean : List.of("escalationTimers", "incidentsRelay", "supervisionAdvance", "supervisionSnapshot",
                "supervisionRegistry")) {
            main.bind(bean, idle);
        }
        Map<String, Object> producerConfig = kafka.client(KafkaPrincipal.ADMIN);
        producerConfig.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            if (rate == 0) {
                // throughput: the whole backlog is in Kafka before the route starts, so only the route is measured
                long start = System.nanoTime();
                generated.forEach(event -> send(producer, alarmTopic, event));
                producer.flush();
                double publishSeconds = (System.nanoTime() - start) / 1e9;
                main.start();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (committed.get() < generated.size() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
                synchronized (latency) {
                    double seconds = (firstLast[1] - firstLast[0]) / 1e9;
                    return String.format(Locale.ROOT, "\"rate\":0,\"consumers\":%d,\"published_per_s\":%.0f,"
                                    + "\"committed\":%d,\"events_per_s\":%.0f", consumers,
                            generated.size() / publishSeconds, committed.get(), committed.get() / Math.max(seconds, 1e-9));
                }
            }
            main.start();
            // warm-up: the consumer joins its group and the JIT compiles before anything is measured
            List<CanonicalEvent> warmup = generate(2000, "warmup");
            warmup.forEach(event -> send(producer, alarmTopic, event));
            producer.flush();
            long warmDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (committed.get() < warmup.size() && System.nanoTime() < warmDeadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            synchronized (latency) {
                latency.reset();
                committed.set(0);
                firstLast[0] = 0;
            }
            long start = System.nanoTime();
            for (int i = 0; i < generated.size(); i++) {
                if (rate > 0) {
                    long due = start + (long) (i * (1e9 / rate));
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                send(producer, alarmTopic, generated.get(i));
            }
            producer.flush();
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (committed.get() < generated.size() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            double seconds;
            String percentiles;
            synchronized (latency) {
                seconds = (firstLast[1] - firstLast[0]) / 1e9;
                percentiles = percentilesMillis(latency);
            }
            return String.format(Locale.ROOT, "\"rate\":%d,\"consumers\":%d,\"published_per_s\":%.0f,\"committed\":%d,"
                            + "\"events_per_s\":%.0f,\"publish_to_commit_ms\":%s", rate, consumers, generated.size() / publishSeconds,
                    committed.get(), committed.get() / Math.max(seconds, 1e-9), percentiles);
        } finally {
            main.stop();
        }
    }

    /**
     * --sites sites supervised (25 h interval) plus --events sites that miss a 1 s deadline, spread
     * over 10 s: the time from each deadline to the commit of its communications-failure incident,
     * with advance every 250 ms and the incidents written by one thread as the receiver does.
     */
    private String supervision(IncidentEngine engine) {
        io.vigil.supervision.SupervisionEngine supervision = new io.vigil.supervision.SupervisionEngine(
                io.vigil.supervision.SupervisionConfig.DEFAULTS.withGrace(Duration.ZERO).withExpectedSites(sites + events),
                Clock.systemUTC());
        long heapBefore = usedHeap();
        for (int i = 0; i < sites; i++) {
            supervision.register(String.format(Locale.ROOT, "site-%07d", i), Duration.ofHours(25));
        }
        long heapAfter = usedHeap();
        Histogram detection = new Histogram(TimeUnit.SECONDS.toMillis(60), 3);
        int missed = 0;
        int started = 0;
        int perTick = Math.max(1, events / 40); // 40 ticks of 250 ms: deadlines spread over 10 s
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (missed < events && System.nanoTime() < deadline) {
            long tick = System.nanoTime();
            for (int i = 0; i < perTick && started < events; i++, started++) {
                String site = String.format(Locale.ROOT, "missing-%07d", started);
                supervision.register(site, Duration.ofSeconds(1));
                supervision.heartbeat(site, java.time.Instant.now()); // then silence: missed 1 s later
            }
            List<io.vigil.supervision.Missed> misses = supervision.advance();
            if (!misses.isEmpty()) {
                engine.process(misses.stream().map(m -> Signal.heartbeatMissed(m.siteId(), m.deadline(), 2)).toList());
                long committed = System.currentTimeMillis();
                misses.forEach(m -> detection.recordValue(Math.max(0, committed - m.deadline().toEpochMilli())));
                missed += misses.size();
            }
            LockSupport.parkNanos(Math.max(0, TimeUnit.MILLISECONDS.toNanos(250) - (System.nanoTime() - tick)));
        }
        return String.format(Locale.ROOT, "\"supervised\":%d,\"heap_mib\":%.1f,\"missed\":%d,"
                        + "\"deadline_to_incident_commit_ms\":%s", supervision.stats().sites(),
                (heapAfter - heapBefore) / 1048576.0, missed, percentilesMillis(detection));
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, CanonicalEvent event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.of(event).forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.US_ASCII)));
        producer.send(new ProducerRecord<>(topic, null, event.siteId(), EventJson.write(event).getBytes(StandardCharsets.UTF_8),
                headers));
    }

    private String relay(VigilProperties properties, HikariDataSource pool) throws Exception {
        String topic = "bench-incidents-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaClientConfig kafka = KafkaClientConfig.from(properties);
        TopicProvisioner.ensure(kafka, List.of(new TopicSpec(topic, 12, Duration.ofDays(1), false)));
        long rows = count(pool, "SELECT count(*) FROM incident_outbox WHERE published_at IS NULL");
        try (PostgresAuditLog audit = PostgresAuditLog.start(pool, AuditConfig.from(properties));
             KafkaIncidentPublisher publisher = new KafkaIncidentPublisher(kafka.client(KafkaPrincipal.ADMIN), topic, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"))) {
            OutboxRelay outboxRelay = new OutboxRelay(pool, publisher, audit, Clock.systemUTC(),
                    properties.getInt("vigil.escalation.relay-batch-size", 500), Duration.ofDays(1), Duration.ofSeconds(60));
            long start = System.nanoTime();
            long published = outboxRelay.relay();
            double seconds = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT, "{\"rows\":%d,\"published\":%d,\"rows_per_s\":%.0f}", rows, published,
                    published / seconds);
        }
    }

    /** Events over --sites sites: mostly intrusion, some troubles with restores, a little fire and panic. */
    private List<CanonicalEvent> generate() {
        return generate(events, "site");
    }

    private List<CanonicalEvent> generate(int count, String sitePrefix) {
        SplittableRandom random = new SplittableRandom(sitePrefix.hashCode());
        List<CanonicalEvent> list = new ArrayList<>(count);
        Instant t = Instant.now();
        for (int i = 0; i < count; i++) {
            String site = String.format(Locale.ROOT, "%s-%07d", sitePrefix, random.nextInt(sites));
            EventCategory category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            boolean restore = category != EventCategory.BURGLARY && random.nextInt(3) == 0;
            EventClass eventClass = restore ? EventClass.RESTORE
                    : category == EventCategory.TECHNICAL || category == EventCategory.AC_LOSS ? EventClass.TROUBLE
                    : EventClass.ALARM;
            Instant at = t.plusMillis(i / 10);
            list.add(new CanonicalEvent(CanonicalEvent.SPEC_VERSION, UUID.randomUUID(), site, "panel-1", "1234",
                    SourceFormat.CID, eventClass, category, "130", true, restore ? Qualifier.RESTORE : Qualifier.EVENT,
                    String.format(Locale.ROOT, "%03d", 1 + random.nextInt(16)), "01", null, restore ? 4 : 2,
                    category.wireName(), null, at, at, "key-1", "m-" + i, null, null, null));
        }
        return list;
    }

    private static String percentiles(Histogram nanos) {
        return String.format(Locale.ROOT, "{\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"max\":%.1f}",
                nanos.getValueAtPercentile(50) / 1e6, nanos.getValueAtPercentile(90) / 1e6,
                nanos.getValueAtPercentile(99) / 1e6, nanos.getMaxValue() / 1e6);
    }

    private static String percentilesMillis(Histogram millis) {
        return String.format(Locale.ROOT, "{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d}",
                millis.getValueAtPercentile(50), millis.getValueAtPercentile(90), millis.getValueAtPercentile(99),
                millis.getValueAtPercentile(99.9), millis.getMaxValue());
    }

    private static long count(HikariDataSource pool, String sql) throws Exception {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void ddl(DatabaseConfig admin, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(admin.url(), admin.ownerUser(), admin.ownerPassword());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
