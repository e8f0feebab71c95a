package io.vigil.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import io.vigil.simulate.EnrolledSites;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.PostgresKeyRegistry;
import java.time.Clock;
import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.pki.DevPki;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/** What every scenario gets: the settings, Vigil's configuration (endpoints, PKI), the benchmark's topics and names. */
public final class BenchContext {

    private static final String TAG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final BenchSettings settings;
    private final VigilProperties properties;
    private final BenchTopics topics;
    private final DevPki pki;
    private final SecureRandom random = new SecureRandom();

    public BenchContext(BenchSettings settings, VigilProperties properties) {
        this.settings = settings;
        this.properties = properties;
        this.topics = new BenchTopics(kafkaClient(), properties.getInt("vigil.bench.topic-partitions", 6));
        this.pki = new DevPki(properties.getPath("vigil.pki.dir", "var/pki"), properties.get("vigil.pki.password").toCharArray());
    }

    public BenchSettings settings() {
        return settings;
    }

    public VigilProperties properties() {
        return properties;
    }

    public BenchTopics topics() {
        return topics;
    }

    /** The benchmark's Kafka connection: the admin principal, which may create and read its own topics. */
    public Map<String, Object> kafkaClient() {
        return KafkaClientConfig.from(properties).client(KafkaPrincipal.ADMIN);
    }

    /** Whether each MQTT scenario runs its own {@link PrivateBroker} ({@code vigil.bench.broker=private}, the default). */
    public boolean privateBroker() {
        return !properties.get("vigil.bench.broker", "private").equals("shared");
    }

    /** The shared broker of {@code vigil.mqtt.broker-url}, with {@code vigil.bench.broker=shared}. */
    public String sharedMqttBrokerUrl() {
        return properties.get("vigil.mqtt.broker-url");
    }

    /** Where a scenario's private broker keeps its configuration, persistence and log. */
    public Path brokerDir(String scenario) {
        return settings.outputDir().resolve("broker").resolve(scenario);
    }

    /** A fresh run tag: names the scenario's topics and client ids, and marks its messages. */
    public String newTag() {
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < BenchPayload.TAG_LENGTH; i++) {
            tag.append(TAG_ALPHABET.charAt(random.nextInt(TAG_ALPHABET.length())));
        }
        return tag.toString();
    }

    /** The simulated sites ({@code vigil.bench.site-prefix} + 4 digits), each with a dev PKI certificate. */
    public List<String> siteIds() {
        String prefix = properties.get("vigil.bench.site-prefix", "bench-");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= settings.sites(); i++) {
            String id = DevPki.requireSiteId(prefix + String.format("%04d", i));
            pki.issueSite(id);
            ids.add(id);
        }
        return ids;
    }

    /** The development PKI the benchmark sites' certificates come from. */
    public DevPki pki() {
        return pki;
    }

    public SSLSocketFactory siteSocketFactory(String siteId) {
        return MqttTls.socketFactory(pki.siteKeystore(siteId), pki.truststore(), pki.password());
    }

    /**
     * The signer of an enrolled benchmark site: enrolls it in Vigil's registry (the database the receiver
     * under test uses) and keeps its device bundle in {@code vigil.sites.dir}, as `vigil site enroll` does.
     */
    public synchronized io.vigil.trust.device.DeviceSigner signer(String siteId) {
        DatabaseConfig database = DatabaseConfig.from(properties);
        Database.migrate(database);
        try (HikariDataSource pool = Database.appPool(database, "vigil-bench-enroll")) {
            PostgresKeyRegistry registry = new PostgresKeyRegistry(pool);
            return new EnrolledSites(registry, new SiteEnrollment(registry, pki, properties.getPath("vigil.sites.dir",
                    "var/sites"), sharedMqttBrokerUrl(), Clock.systemUTC())).signerFor(siteId, Clock.systemUTC());
        }
    }

    /** Where a scenario's child process writes its output. */
    public Path logFile(String name) {
        return settings.outputDir().resolve("logs").resolve(name + ".log");
    }
}
