package io.vigil.app;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.api.ApiConfig;
import io.vigil.api.ApiServer;
import io.vigil.api.EscalationIncidentConsole;
import io.vigil.api.auth.ApiTokens;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.AuditLog;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.audit.route.SignalAuditProcessor;
import io.vigil.automation.Automation;
import io.vigil.automation.AutomationReports;
import io.vigil.automation.mail.SmtpConfig;
import io.vigil.automation.mail.SmtpMailer;
import io.vigil.automation.reminder.ReminderSupervisor;
import io.vigil.automation.schedule.ScheduleStore;
import io.vigil.automation.schedule.ScheduleSupervisor;
import io.vigil.automation.sitetest.SiteTestStore;
import io.vigil.automation.sitetest.TestSupervisor;
import io.vigil.cluster.ClusterConfig;
import io.vigil.cluster.NodeLeases;
import io.vigil.cluster.SiteSlots;
import io.vigil.cluster.SlotOwnershipProcessor;
import io.vigil.cluster.SlotRoutes;
import io.vigil.config.VigilProperties;
import io.vigil.escalation.EscalationIntake;
import io.vigil.escalation.EscalationTimers;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.IncidentService;
import io.vigil.escalation.KafkaIncidentPublisher;
import io.vigil.escalation.OutboxRelay;
import io.vigil.supervision.SupervisionService;
import io.vigil.supervision.SupervisionSettings;
import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.escalation.route.EscalationProcessor;
import io.vigil.escalation.route.TickProcessor;
import io.vigil.dc09.Dc09Accounts;
import io.vigil.dc09.Dc09Config;
import io.vigil.dc09.Dc09Listener;
import io.vigil.dc09.Dc09Receiver;
import io.vigil.dc09.Dc09RouteSink;
import io.vigil.dc09.RegistryDc09Accounts;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.feeds.FeedBeans;
import io.vigil.ingest.AcceptedTail;
import io.vigil.ingest.IngestProcessor;
import io.vigil.ingest.LaneProcessor;
import io.vigil.ingest.OrderedLanes;
import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.ingest.mqtt.ReliableMqttComponent;
import io.vigil.kafka.BatchCommit;
import io.vigil.kafka.KafkaAcls;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.StageKafkaComponent;
import io.vigil.kafka.TopicProvisioner;
import io.vigil.normalize.DefaultNormalizer;
import io.vigil.normalize.EventTopics;
import io.vigil.normalize.LocationPrivacy;
import io.vigil.normalize.Normalizer;
import io.vigil.normalize.TopicNames;
import io.vigil.normalize.route.NormalizeProcessor;
import io.vigil.normalize.route.SecurityAlertProcessor;
import io.vigil.normalize.vendor.VendorMappings;
import io.vigil.ops.OpsConfig;
import io.vigil.ops.OpsRuntime;
import io.vigil.kafka.VigilTopics;
import io.vigil.pki.DevPki;
import io.vigil.trust.TrustMetricsMBean;
import io.vigil.trust.TrustRuntime;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.PostgresKeyRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Processor;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver process: Camel main with the YAML routes of {@code routes/} (read at start, so an
 * operator edits a route without rebuilding) and the beans those routes refer to. This class is the
 * composition root: the only place that builds and binds Vigil's components, and closes them in
 * reverse order.
 */
public final class VigilApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VigilApplication.class);

    /**
     * Logged once everything started, the MQTT slots this node holds subscribed included (they start after
     * Camel's own "started" line): what a supervisor of the process (a test, the benchmark) waits for.
     */
    public static final String READY_LOG_LINE = "vigil: receiver ready";

    private final VigilProperties properties;
    private final Clock clock = Clock.systemUTC();
    // the escalation stage's "now" (timers, supervision); a test moves it by hand
    private final Clock escalationClock;
    private final Main main = new Main();
    private final RouteBeans beans = new RouteBeans(main::bind);
    private final List<AutoCloseable> resources = new ArrayList<>();
    private TrustRuntime trust;
    private AuditLog auditLog;
    private ApiServer api;
    private HikariDataSource pool;
    private IncidentService incidents;
    private EscalationPolicy policy;
    private SupervisionService supervision;
    private OpsRuntime ops;
    private Dc09Accounts dc09Accounts;
    private Dc09Listener dc09;
    private NodeLeases cluster;

    public VigilApplication(VigilProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public VigilApplication(VigilProperties properties, Clock escalationClock) {
        this.properties = properties;
        this.escalationClock = escalationClock;
    }

    /** Prepares the database and Kafka, loads keys and replay state, then starts the routes; returns once they run. */
    public VigilApplication start() throws Exception {
        try {
            DatabaseConfig database = DatabaseConfig.from(properties);
            if (properties.getBoolean("vigil.db.migrate-on-start", true)) {
                Database.migrate(database);
            }
            KafkaClientConfig kafka = KafkaClientConfig.from(properties);
            TopicProvisioner.ensure(kafka, VigilTopics.all(properties));
            KafkaAcls.ensure(kafka, KafkaAcls.required(properties, kafka));
            pool = own(Database.appPool(database, "vigil"));
            // renewals on a pool of their own: busy stages must not keep the node from renewing its leases
            cluster = own(NodeLeases.start(ClusterConfig.from(properties),
                    own(Database.appPool(database.withPoolSize(2), "vigil-cluster"))));
            ops = own(OpsRuntime.create(OpsConfig.from(properties)));
            auditLog = ops.metrics().auditLog(own(PostgresAuditLog.start(pool, AuditConfig.from(properties), clock)));
            trust = own(TrustRuntime.start(properties, pool, clock));
            own(new TrustMetricsMBean(trust.metrics()).register());
            catchUpReplayGuard(kafka);

            main.setOverrideProperties(properties.asProperties());
            main.configure().withRoutesIncludePattern(routesPattern());
            bindKafka(kafka);
            bindIngest();
            bindNormalize();
            bindAudit();
            bindFeeds();
            bindEscalation();
            ops.bindEvents(beans::bind);
            beans.checkComplete();
            main.start();
            startSlots(kafka);
            ops.start(new OpsRuntime.Sources(main.getCamelContext(), pool, trust.metrics(), supervision, kafka,
                    consumerGroups()));
            startDc09();
            bindApi(database);
            LOG.info(READY_LOG_LINE);
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Runs until the JVM is asked to stop (SIGTERM/SIGINT), then shuts the routes down gracefully. */
    public void runUntilStopped() throws Exception {
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "vigil-shutdown"));
        Thread.currentThread().join();
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public TrustRuntime trust() {
        return trust;
    }

    /** The process's one audit writer (docs/audit.md): every component appends through it. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** The operator API, or null when {@code vigil.api.enabled=false}. */
    public ApiServer api() {
        return api;
    }

    /** The operator-facing incident service (queue, details, acknowledge / resolve / close). */
    public IncidentService incidents() {
        return incidents;
    }

    /** Metrics, health and the management port (docs/operations.md). */
    public OpsRuntime ops() {
        return ops;
    }

    /** Heartbeat supervision, or null when {@code vigil.supervision.enabled} is false. */
    public SupervisionService supervision() {
        return supervision;
    }

    /**
     * Another DC-09 account mapping for the port than the key registry's (docs/dc09.md), e.g. a test's.
     * Call before {@link #start()}.
     */
    public VigilApplication withDc09Accounts(Dc09Accounts accounts) {
        this.dc09Accounts = accounts;
        return this;
    }

    /** This node's leases in the cluster (docs/cluster.md). */
    public NodeLeases cluster() {
        return cluster;
    }

    /** The DC-09 listeners, or null when both are off. */
    public Dc09Listener dc09() {
        return dc09;
    }

    @Override
    public synchronized void close() {
        if (dc09 != null) {
            dc09.close(); // take no more frames before the routes stop
            dc09 = null;
        }
        try {
            main.stop(); // routes first: in-flight messages finish and are acknowledged
        } catch (Exception e) {
            LOG.warn("routes did not stop cleanly: {}", e.getMessage());
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        resources.clear();
    }

    /**
     * The MQTT receiver slots this node holds become ingest routes (docs/cluster.md); the start waits
     * for them as it waited for the one fixed route, so the sessions are subscribed when it returns.
     */
    private void startSlots(KafkaClientConfig kafka) throws InterruptedException {
        AtomicBoolean started = new AtomicBoolean();
        SlotRoutes slots = own(new SlotRoutes(main.getCamelContext(), cluster, properties.get("vigil.mqtt.client-id"),
                properties.get("vigil.mqtt.topic"), () -> {
                    if (started.get()) { // a slot taken over later: its sites' last holder may have accepted more
                        trust.replayGuard().mergeStored();
                        catchUpReplayGuard(kafka);
                    }
                }));
        cluster.listen(slots);
        slots.awaitStarted(Duration.ofSeconds(properties.getInt("vigil.mqtt.connection-timeout-seconds", 10) + 5L));
        started.set(true);
    }

    /**
     * The replay guard's write-behind may not have written the last flush interval (a crash, or
     * another node that held the sites): what was accepted lately is read back from the accepted topic.
     */
    private void catchUpReplayGuard(KafkaClientConfig kafka) {
        AcceptedTail.replayInto(trust.replayGuard(), kafka, properties.get("vigil.kafka.topic.accepted"),
                trust.config().replayHorizon().plus(trust.config().replay().flushEvery()).plusSeconds(5),
                clock.instant());
    }

    /** The Kafka consumer groups whose lag is measured: every consuming route that runs. */
    private List<String> consumerGroups() {
        List<String> groups = new ArrayList<>(List.of(properties.get("vigil.normalize.group-id"),
                properties.get("vigil.escalation.group-id"), properties.get("vigil.audit.signals.group-id")));
        for (String sink : List.of("cef-tls", "cef-udp", "ecs-http", "ecs-file", "hec", "webhook")) {
            if (properties.getBoolean("vigil.feeds." + sink + ".enabled", false)) {
                groups.add(properties.get("vigil.feeds." + sink + ".group-id"));
            }
        }
        return groups;
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    private String routesPattern() {
        String pattern = properties.get("camel.main.routes-include-pattern", "file:routes/*.camel.yaml");
        // relative file patterns resolve against vigil.home, whatever the working directory
        if (pattern.startsWith("file:") && !pattern.startsWith("file:/")) {
            return "file:" + VigilProperties.home().resolve(pattern.substring("file:".length()));
        }
        return pattern;
    }

    /**
     * What every batch route shares: the offset commit (the header allow-list is set in the configuration);
     * and each stage's Kafka component, which connects with that stage's certificate.
     */
    private void bindKafka(KafkaClientConfig kafka) {
        beans.bind("commitBatch", new BatchCommit());
        StageKafkaComponent.bindAll(kafka, cluster.config().nodeId(), beans::bind);
    }

    private void bindIngest() {
        ReliableMqttComponent mqtt = new ReliableMqttComponent();
        beans.bind(ReliableMqttComponent.SCHEME, mqtt);
        beans.bind("mqttSessionHealth", mqtt.sessionHealth());
        beans.bind("mqttSocketFactory", MqttTls.socketFactory(
                properties.getPath("vigil.mqtt.keystore", "var/pki/receiver.p12"),
                properties.getPath("vigil.mqtt.truststore", "var/pki/truststore.p12"),
                properties.get("vigil.mqtt.keystore-password").toCharArray()));
        OrderedLanes lanes = own(new OrderedLanes(
                properties.getInt("vigil.ingest.lanes", Runtime.getRuntime().availableProcessors()),
                properties.getInt("vigil.ingest.lane-queue", 256), "vigil-verify"));
        beans.bind("trustCheck", new LaneProcessor(lanes,
                ops.metrics().verification(new IngestProcessor(trust.gate(), trust.rejectBursts()))));
        beans.bind("securityAlertEvent", new SecurityAlertProcessor());
        beans.bind("slotOwnership", new SlotOwnershipProcessor(new SiteSlots(cluster.config().receiverSlots())));
    }

    private void bindAudit() {
        beans.bind("auditSignals", new SignalAuditProcessor(auditLog, properties.get("vigil.kafka.topic.accepted")));
    }

    /**
     * The operator API (docs/api.md) on a pool of its own, so that consoles and audit exports cannot
     * take the connections the receiver needs; incidents through the escalation stage's service.
     */
    private void startDc09() throws Exception {
        Dc09Config config = Dc09Config.from(properties);
        if (config.anyEnabled()) {
            ProducerTemplate template = own(main.getCamelContext().createProducerTemplate());
            Dc09Accounts accounts = dc09Accounts != null ? dc09Accounts : new RegistryDc09Accounts(trust.keys(), clock);
            dc09 = Dc09Listener.start(config,
                    new Dc09RouteSink(new Dc09Receiver(accounts, trust.rejectBursts(), config, clock), template));
        }
    }

    private void bindApi(DatabaseConfig database) throws Exception {
        ApiConfig config = ApiConfig.from(properties);
        if (!config.enabled()) {
            LOG.info("operator API disabled (vigil.api.enabled=false)");
            return;
        }
        DevPki pki = new DevPki(properties.getPath("vigil.pki.dir", "var/pki"), properties.get("vigil.pki.password").toCharArray());
        Path devKeystore = pki.keystore(DevPki.API).toAbsolutePath().normalize();
        if (config.tls() && !Files.exists(config.keystore()) && config.keystore().toAbsolutePath().normalize().equals(devKeystore)) {
            LOG.info("issuing the API's server certificate from the development PKI: {}", pki.issueApiServer());
        }
        HikariDataSource apiPool = own(Database.appPool(database.withPoolSize(config.dbPoolSize()), "vigil-api"));
        PostgresKeyRegistry registry = new PostgresKeyRegistry(apiPool);
        SiteEnrollment enrollment = new SiteEnrollment(registry, pki, properties.getPath("vigil.sites.dir", "var/sites"),
                io.vigil.cli.SiteCommand.sitesBrokerUrl(properties), clock);
        Automation automation = Automation.on(apiPool, new SmtpMailer(SmtpConfig.from(properties)), clock);
        api = own(ApiServer.start(config, new ApiServer.Services(apiPool, new ApiTokens(apiPool, clock), auditLog,
                AuditConfig.from(properties).fetchSize(), registry, enrollment,
                new EscalationIncidentConsole(new IncidentService(apiPool, policy, escalationClock), automation.records(),
                        site -> supervision == null ? java.util.Optional.empty() : supervision.engine().status(site)),
                automation),
                io.vigil.console.Console.of(apiPool, clock, io.vigil.console.ConsoleConfig.from(properties))));
        if (io.vigil.console.ConsoleConfig.from(properties).enabled()) {
            LOG.info("operator console at {}/console/", api.baseUri());
        }
    }

    private void bindNormalize() {
        Normalizer normalizer = ops.metrics().normalizer(DefaultNormalizer.withDefaults(
                VendorMappings.loadDirectory(properties.getPath("vigil.normalize.vendor-mappings", "config/vendor-mappings"))));
        TopicNames names = new TopicNames(properties.get("vigil.kafka.topic.alarm"), properties.get("vigil.kafka.topic.sensor"),
                properties.get("vigil.kafka.topic.location"), properties.get("vigil.kafka.topic.location-precise"),
                properties.get("vigil.kafka.topic.heartbeat"), properties.get("vigil.kafka.topic.security"));
        EventTopics topics = new EventTopics(names,
                new LocationPrivacy(properties.getInt("vigil.normalize.location-decimals", LocationPrivacy.DEFAULT_DECIMALS)));
        beans.bind("normalizeBatch", new NormalizeProcessor(normalizer, topics, properties.get("vigil.kafka.topic.quarantine")));
    }

    private void bindFeeds() {
        FeedBeans.bind(properties, clock, beans::bind);
    }

    private void bindEscalation() throws Exception {
        policy = EscalationPolicyLoader.load(
                properties.getPath("vigil.escalation.policy-file", "config/escalation-policy.yaml"));
        IncidentEngine engine = new IncidentEngine(pool, policy, escalationClock);
        incidents = new IncidentService(pool, policy, escalationClock);
        KafkaIncidentPublisher publisher = own(KafkaIncidentPublisher.from(properties, KafkaClientConfig.from(properties)));
        OutboxRelay relay = new OutboxRelay(pool, ops.metrics().incidentPublisher(publisher), auditLog, clock,
                properties.getInt("vigil.escalation.relay-batch-size", 500),
                properties.getDuration("vigil.escalation.outbox-retention", Duration.ofDays(1)), Duration.ofSeconds(30),
                cluster.fence(NodeLeases.SINGLETON));
        EscalationTimers timers = new EscalationTimers(pool, policy, escalationClock,
                properties.getInt("vigil.escalation.timer-batch-size", 500), cluster.fence(NodeLeases.SINGLETON));
        Processor idle = new TickProcessor("supervision (disabled)", () -> { });
        if (properties.getBoolean("vigil.supervision.enabled", true)) {
            SupervisionService service = own(SupervisionService.start(SupervisionSettings.from(properties), pool, engine,
                    escalationClock, () -> cluster.liveNodes() > 1));
            supervision = service;
            // every node follows the others' signs of life; the singleton's holder judges the deadlines
            beans.bind("supervisionAdvance", new TickProcessor("supervision advance", () -> {
                service.followShared();
                singleton(service::advance).run();
            }));
            beans.bind("supervisionSnapshot", new TickProcessor("supervision snapshot", service::snapshot));
            beans.bind("supervisionRegistry", new TickProcessor("supervision registry refresh", service::refreshRegistry));
        } else {
            beans.bind("supervisionAdvance", idle);
            beans.bind("supervisionSnapshot", idle);
            beans.bind("supervisionRegistry", idle);
        }
        ScheduleStore schedules = new ScheduleStore(pool);
        SiteTestStore siteTests = new SiteTestStore(pool);
        EscalationIntake intake = new EscalationIntake(engine, supervision,
                properties.getDuration("vigil.escalation.restore-timeout", Duration.ofSeconds(30)),
                new AutomationReports(schedules, siteTests));
        Duration settle = properties.getDuration("vigil.automation.schedule.settle", Duration.ofSeconds(30));
        ScheduleSupervisor scheduleSupervisor = new ScheduleSupervisor(schedules, engine, escalationClock, settle);
        TestSupervisor testSupervisor = new TestSupervisor(siteTests, engine, escalationClock, settle);
        ReminderSupervisor reminders = new ReminderSupervisor(pool, policy.reminders(), escalationClock,
                properties.get("vigil.api.incident-channel", "vigil_incidents"), auditLog::append);
        // judged once in a cluster, on the singleton's holder (their incidents have name-based ids anyway)
        beans.bind("scheduleCheck", new TickProcessor("schedules, periodic tests and reminders", singleton(() -> {
            scheduleSupervisor.check();
            testSupervisor.check();
            reminders.check();
        })));
        beans.bind("escalationBatch", new EscalationProcessor(intake, ops.metrics().incidentCommitted()));
        beans.bind("escalationTimers", new TickProcessor("escalation timers", singleton(timers::escalateDue)));
        beans.bind("incidentsRelay", new TickProcessor("incidents outbox relay", singleton(relay::relay)));
    }

    /** A tick that runs only on the holder of the singleton lease (docs/cluster.md). */
    private TickProcessor.Tick singleton(TickProcessor.Tick tick) {
        return () -> {
            if (cluster.holdsSingleton()) {
                tick.run();
            }
        };
    }
}
