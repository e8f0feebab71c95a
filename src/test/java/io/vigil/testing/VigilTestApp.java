package io.vigil.testing;

import io.vigil.app.VigilApplication;
import io.vigil.config.VigilProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A running receiver for one test: the real application with the real routes, isolated from
 * other tests by its own MQTT client id, its own Kafka topic names and (optionally) its own database.
 */
public final class VigilTestApp implements AutoCloseable {

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> overrides = new HashMap<>();
    private VigilApplication application;

    public VigilTestApp() {
        overrides.put("vigil.mqtt.client-id", "vigil-test-" + runId);
        // a dead test receiver's session should not make the broker queue for a week
        overrides.put("vigil.mqtt.session-expiry-seconds", "120");
        for (String role : new String[] {"received", "accepted", "quarantine"}) {
            overrides.put("vigil.kafka.topic." + role, topic(role));
        }
        overrides.put("vigil.db.migrate-on-start", "false");
    }

    /** The test's own name for a topic role, e.g. {@code test-1a2b3c4d.received}. */
    public String topic(String role) {
        return "test-" + runId + "." + role;
    }

    public VigilTestApp with(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    public VigilTestApp withDatabase(TestDatabase database) {
        overrides.put("vigil.db.url", database.config().url());
        return this;
    }

    public VigilProperties properties() {
        return TestEnvironment.get().properties(overrides);
    }

    public VigilTestApp start() throws Exception {
        application = new VigilApplication(properties()).start();
        return this;
    }

    public VigilApplication application() {
        return application;
    }

    @Override
    public void close() {
        if (application != null) {
            application.close();
        }
    }
}
