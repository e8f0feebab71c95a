package io.vigil.testing;

import io.vigil.config.VigilProperties;
import io.vigil.db.DatabaseConfig;
import io.vigil.pki.DevPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
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
        String requested = System.getenv().getOrDefault("VIGIL_TEST_SERVICES", "auto").toLowerCase(Locale.ROOT);
        boolean containers = switch (requested) {
            case "containers" -> true;
            case "local" -> false;
            default -> ContainerServices.dockerAvailable();
        };
        if (containers) {
            pki.shareBrokerKeyWithGroup(1883); // the mosquitto image's group
            return new TestEnvironment("containers", base.with(ContainerServices.start(base)));
        }
        requireReachable(base);
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
        return DatabaseConfig.from(properties);
    }

    public String kafkaBootstrapServers() {
        return properties.get("vigil.kafka.bootstrap-servers");
    }

    public String mqttBrokerUrl() {
        return properties.get("vigil.mqtt.broker-url");
    }

    public DevPki pki() {
        return pki(properties);
    }

    private static DevPki pki(VigilProperties properties) {
        return new DevPki(properties.getPath("vigil.pki.dir", "var/pki"),
                properties.get("vigil.pki.password").toCharArray());
    }

    private static void requireReachable(VigilProperties properties) {
        Map<String, String> endpoints = new HashMap<>();
        endpoints.put("MQTT broker", properties.get("vigil.mqtt.broker-url"));
        endpoints.put("Kafka", "tcp://" + properties.get("vigil.kafka.bootstrap-servers").split(",")[0]);
        endpoints.put("PostgreSQL", properties.get("vigil.db.url").substring("jdbc:".length()));
        endpoints.forEach((name, url) -> {
            URI uri = URI.create(url);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
            } catch (IOException e) {
                throw new IllegalStateException(name + " is not reachable at " + uri.getHost() + ":" + uri.getPort()
                        + " and no Docker engine answers: start the local services with `scripts/services up`"
                        + " (the README's test command does it for you)");
            }
        });
    }
}
