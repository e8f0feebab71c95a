package io.vigil.testing;

import io.vigil.config.VigilProperties;
import io.vigil.db.DatabaseConfig;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import io.vigil.pki.DevPki;
import io.vigil.pki.KafkaPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The real services the integration tests run against, chosen once per JVM:
 * <ul>
 *   <li>{@code containers}: Testcontainers starts Mosquitto, Kafka and PostgreSQL with the very
 *       configuration files of {@code deploy/} (see {@link ContainerServices});</li>
 *   <li>{@code local}: the services {@code scripts/services up} started on loopback.</li>
 * </ul>
 * {@code VIGIL_TEST_SERVICES=auto} (default) takes containers when a Docker engine answers and the
 * local services otherwise; {@code local} or {@code containers} forces one.
 */
public final class TestEnvironment {

    private static TestEnvironment instance;

    private final String mode;
    private final VigilProperties properties;

    private TestEnvironment(String mode, VigilProperties properties) {
        this.mode = mode;
        this.properties = properties;
    }

    public static synchronized TestEnvironment get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestEnvironment start() {
        VigilProperties base = VigilProperties.load();
        DevPki pki = pki(base);
        pki.init(base.getList("vigil.pki.demo-sites", java.util.List.of()));
        KafkaPki kafkaPki = KafkaPki.of(pki);
        kafkaPki.init(KafkaPrincipal.defaultNames());
        String requested = System.getenv().getOrDefault("VIGIL_TEST_SERVICES", "auto").toLowerCase(Locale.ROOT);
        if (requested.equals("none")) {
            return new TestEnvironment("none", base); // unit tests (surefire): any use of a service fails
        }
        boolean containers = switch (requested) {
            case "containers" -> true;
            case "local" -> false;
            default -> ContainerServices.dockerAvailable();
        };
        if (containers) {
            pki.shareBrokerKeyWithGroup(1883); // the mosquitto image's group
            kafkaPki.shareWithGroup(1000, KafkaPki.BROKER, KafkaPrincipal.ADMIN.defaultName()); // the kafka image's
            return new TestEnvironment("containers", base.with(ContainerServices.start(base)));
        }
        requireReachable("PostgreSQL", base.get("vigil.db.url").substring("jdbc:".length()));
        return new TestEnvironment("local", base);
    }

    public String mode() {
        return mode;
    }

    /** The application configuration pointing at these services. */
    public VigilProperties properties() {
        return properties;
    }

    /** The same, with some keys replaced (e.g. a test's own topics or database). */
    public VigilProperties properties(Map<String, String> overrides) {
        return properties.with(overrides);
    }

    public DatabaseConfig database() {
        requireServices("PostgreSQL");
        return DatabaseConfig.from(properties);
    }

    /** How the tests' own Kafka clients connect: as the admin principal, which may read and write any topic. */
    public Map<String, Object> kafkaClient() {
        requireServices("Kafka");
        KafkaClientConfig clients = KafkaClientConfig.from(properties);
        if (mode.equals("local")) {
            requireReachable("Kafka", "tcp://" + clients.bootstrapServers().split(",")[0]);
        }
        return clients.client(KafkaPrincipal.ADMIN);
    }

    /** The same with these client settings added. */
    public Map<String, Object> kafkaClient(Map<String, Object> settings) {
        Map<String, Object> config = kafkaClient();
        config.putAll(settings);
        return config;
    }

    public String mqttBrokerUrl() {
        requireServices("the MQTT broker");
        String url = properties.get("vigil.mqtt.broker-url");
        if (mode.equals("local")) {
            requireReachable("MQTT broker", url);
        }
        return url;
    }

    /** The broker's site listener, where test devices publish. */
    public String sitesBrokerUrl() {
        requireServices("the MQTT broker");
        String url = properties.get("vigil.mqtt.sites-broker-url");
        if (mode.equals("local")) {
            requireReachable("MQTT broker (site listener)", url);
        }
        return url;
    }

    public DevPki pki() {
        return pki(properties);
    }

    private static DevPki pki(VigilProperties properties) {
        return new DevPki(properties.getPath("vigil.pki.dir", "var/pki"),
                properties.get("vigil.pki.password").toCharArray());
    }

    // `*Test` means "no services" (the pom runs them with VIGIL_TEST_SERVICES=none): the name must not lie
    private void requireServices(String service) {
        if (mode.equals("none")) {
            throw new IllegalStateException("this test uses " + service + ", but it runs as a unit test (*Test, no"
                    + " services): name it *IT so that it runs against the services");
        }
    }

    // each service is checked when a test first asks for it, so a database-only test does not need Kafka or MQTT
    private static void requireReachable(String name, String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not reachable at " + uri.getHost() + ":" + uri.getPort()
                    + " and no Docker engine answers: start the local services with `scripts/services up`"
                    + " (the README's test command does it for you)");
        }
    }
}
