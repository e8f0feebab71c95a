package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.app.VigilApplication;
import io.vigil.automation.DemoRecords;
import io.vigil.config.VigilProperties;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import io.vigil.ops.LogSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.ingest.QuarantineRecord;
import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.kafka.TopicTail;
import io.vigil.pki.DevPki;
import io.vigil.simulate.EnrolledSites;
import io.vigil.simulate.DemoTraffic;
import io.vigil.simulate.SiteConnection;
import io.vigil.support.LogSafe;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.PostgresKeyRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the receiver with a few simulated sites that publish signed signals, and print what"
                + " comes out on Kafka. The ./vigil launcher starts the local services first.")
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--seconds", description = "Stop after this many seconds (default: run until Ctrl-C).")
    Long seconds;

    @Option(names = "--period-ms", defaultValue = "2000", description = "How often each demo site publishes.")
    long periodMillis;

    @Override
    public Integer call() throws Exception {
        // its own short-lived MQTT session: the demo shows live traffic, not what queued for the receiver meanwhile
        VigilProperties properties = VigilProperties.load().with(java.util.Map.of(
                "vigil.mqtt.client-id", "vigil-demo", "vigil.mqtt.session-expiry-seconds", "60"));
        Path log = VigilProperties.home().resolve("var/log/vigil.log");
        Files.createDirectories(log.getParent());
        LogSetup.toFile(properties, log);
        DevPki pki = PkiCommand.pki(properties);
        List<String> siteIds = properties.getList("vigil.pki.demo-sites", List.of("site-0001"));
        pki.init(siteIds);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (VigilApplication app = new VigilApplication(properties).start();
             HikariDataSource pool = Database.appPool(DatabaseConfig.from(properties), "vigil-demo");
             TopicTail tail = new TopicTail(KafkaClientConfig.from(properties).client(KafkaPrincipal.ADMIN), outputTopics(properties),
                     DemoCommand::print);
             DemoTraffic traffic = new DemoTraffic(sites(properties, pki, pool, siteIds)).start(periodMillis)) {
            DemoRecords.seed(pool, siteIds, Clock.systemUTC());
            String console = app.api() == null ? null : demoOperator(app, pool, properties);
            System.out.println("Vigil demo: " + siteIds.size() + " sites publish signed signals over mutual TLS;"
                    + " each line is a record read back from Kafka: events, quarantined messages and incident changes."
                    + " The operator API listens on " + (app.api() == null ? "(disabled)" : app.api().baseUri())
                    + " (tokens: ./vigil api token create; each site has records, key-holders and the centre's plans:"
                    + " GET /api/sites/site-0001/records, GET /api/incidents/{id}/plan); metrics and health on "
                    + (app.ops().server() == null ? "(disabled)" : app.ops().server().baseUri() + "/metrics, /health/ready")
                    + ". The receiver's log: " + log + ". Ctrl-C stops.");
            if (console != null) {
                System.out.println(console);
            }
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        }
        return 0;
    }

    static final String DEMO_OPERATOR = "demo-operator";

    /**
     * The demo's console account (a supervisor, so that every incident act can be tried) with a new
     * password at every start, printed here once; audited like {@code vigil operator add|reset-password}.
     */
    private static String demoOperator(VigilApplication app, HikariDataSource pool, VigilProperties properties)
            throws Exception {
        io.vigil.console.ConsoleConfig config = io.vigil.console.ConsoleConfig.from(properties);
        if (!config.enabled()) {
            return null;
        }
        io.vigil.console.OperatorAccounts accounts = new io.vigil.console.OperatorAccounts(pool, Clock.systemUTC(), config);
        char[] password = OperatorCommand.generatePassword();
        String kind;
        if (accounts.resetPassword(DEMO_OPERATOR, password)) {
            kind = io.vigil.audit.AuditKind.OPERATOR_PASSWORD_RESET;
        } else {
            accounts.add(DEMO_OPERATOR, io.vigil.api.auth.Role.SUPERVISOR, password, false);
            kind = io.vigil.audit.AuditKind.OPERATOR_ADDED;
        }
        app.auditLog().append(io.vigil.audit.AuditEntry.of(kind, io.vigil.audit.Actor.system("demo"))
                .details(java.util.Map.of("operator", DEMO_OPERATOR, "role", "supervisor"))).get(30, TimeUnit.SECONDS);
        return "Operator console: " + app.api().baseUri() + "/console/ (trust var/pki/ca.pem, or accept the development"
                + " certificate); sign in as " + DEMO_OPERATOR + " with password " + new String(password)
                + " (shown only now; a new one at every demo start).";
    }

    private static List<String> outputTopics(VigilProperties properties) {
        return List.of("alarm", "sensor", "heartbeat", "security", "quarantine", "incidents").stream()
                .map(role -> properties.get("vigil.kafka.topic." + role)).toList();
    }

    private static List<DemoTraffic.DemoSite> sites(VigilProperties properties, DevPki pki, HikariDataSource pool,
                                                    List<String> siteIds) throws Exception {
        String brokerUrl = properties.get("vigil.mqtt.sites-broker-url");
        EnrolledSites enrolled = new EnrolledSites(new PostgresKeyRegistry(pool), new SiteEnrollment(new PostgresKeyRegistry(pool),
                pki, properties.getPath("vigil.sites.dir", "var/sites"), brokerUrl, Clock.systemUTC()));
        List<DemoTraffic.DemoSite> sites = new ArrayList<>();
        for (String site : siteIds) {
            sites.add(new DemoTraffic.DemoSite(SiteConnection.open(brokerUrl, site,
                    MqttTls.socketFactory(pki.siteKeystore(site), pki.truststore(), pki.password())),
                    enrolled.signerFor(site, Clock.systemUTC())));
        }
        return sites;
    }

    private static void print(ConsumerRecord<String, byte[]> record) {
        String time = TIME.format(Instant.ofEpochMilli(record.timestamp()));
        String what;
        try {
            if (record.topic().contains("incidents")) {
                JsonNode change = JSON.readTree(record.value());
                what = String.format("INCIDENT %-14s %-10s P%d %-12s %s", change.path("change").asText(),
                        change.path("category").asText(), change.path("priority").asInt(), change.path("state").asText(),
                        LogSafe.quote(change.path("title").asText()));
            } else if (record.topic().contains("quarantine")) {
                QuarantineRecord rejected = QuarantineRecord.fromJson(record.value());
                what = "QUARANTINED  " + rejected.reason() + " (" + rejected.stage() + ")";
            } else {
                JsonNode event = JSON.readTree(record.value());
                what = String.format("%-10s %-12s %s", event.path("class").asText(), event.path("category").asText(),
                        LogSafe.quote(event.path("description").asText()));
            }
        } catch (IOException | IllegalArgumentException e) {
            what = "unreadable record";
        }
        System.out.printf("%s  %-10s %-18s %s%n", time, record.key(), record.topic(), what);
    }
}
