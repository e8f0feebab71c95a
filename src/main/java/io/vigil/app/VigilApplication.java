package io.vigil.app;

import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.ingest.mqtt.ReliableMqttComponent;
import io.vigil.kafka.TopicProvisioner;
import io.vigil.kafka.VigilTopics;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The receiver process: Camel main with the YAML routes of {@code routes/} (read at start, so an
 * operator edits a route without rebuilding) and the beans those routes refer to. This class is the
 * composition root: the only place that builds and binds Vigil's components.
 */
public final class VigilApplication implements AutoCloseable {

    private final VigilProperties properties;
    private final Main main = new Main();

    public VigilApplication(VigilProperties properties) {
        this.properties = properties;
    }

    /** Prepares the database and Kafka, then starts the routes; returns once they run. */
    public VigilApplication start() throws Exception {
        if (properties.getBoolean("vigil.db.migrate-on-start", true)) {
            Database.migrate(DatabaseConfig.from(properties));
        }
        TopicProvisioner.ensure(properties.get("vigil.kafka.bootstrap-servers"), VigilTopics.all(properties));
        main.setOverrideProperties(properties.asProperties());
        main.configure().withRoutesIncludePattern(routesPattern());
        bindIngest();
        main.start();
        return this;
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

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Vigil did not stop cleanly", e);
        }
    }

    private String routesPattern() {
        String pattern = properties.get("camel.main.routes-include-pattern", "file:routes/*.camel.yaml");
        // relative file patterns resolve against vigil.home, whatever the working directory
        if (pattern.startsWith("file:") && !pattern.startsWith("file:/")) {
            return "file:" + VigilProperties.home().resolve(pattern.substring("file:".length()));
        }
        return pattern;
    }

    private void bindIngest() {
        main.bind(ReliableMqttComponent.SCHEME, new ReliableMqttComponent());
        main.bind("receivedSignalProcessor", new io.vigil.ingest.ReceivedSignalProcessor());
        main.bind("mqttSocketFactory", MqttTls.socketFactory(
                properties.getPath("vigil.mqtt.keystore", "var/pki/receiver.p12"),
                properties.getPath("vigil.mqtt.truststore", "var/pki/truststore.p12"),
                properties.get("vigil.mqtt.keystore-password").toCharArray()));
    }
}
