package io.vigil.testing;

import io.vigil.app.VigilApplication;
import io.vigil.config.VigilProperties;
import io.vigil.db.DatabaseConfig;
import io.vigil.kafka.VigilTopics;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A running receiver for one test: the real application with the real routes, isolated from
 * other tests by its own MQTT client id, its own Kafka topic names and consumer groups, and its own
 * migrated database.
 */
public final class VigilTestApp implements AutoCloseable {

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> overrides = new HashMap<>();
    private TestDatabase database;
    private boolean ownsDatabase;
    private VigilApplication application;
    private java.time.Clock escalationClock = java.time.Clock.systemUTC();
    private io.vigil.dc09.Dc09Accounts dc09Accounts; // null: the key registry's

    public VigilTestApp() {
        overrides.put("vigil.mqtt.client-id", "vigil-test-" + runId);
        // a dead test receiver's session should not make the broker queue for a week
        overrides.put("vigil.mqtt.session-expiry-seconds", "120");
        for (String role : VigilTopics.ROLES) {
            overrides.put("vigil.kafka.topic." + role, topic(role));
        }
        overrides.put("vigil.normalize.group-id", "vigil-normalize-" + runId);
        overrides.put("vigil.audit.signals.group-id", "vigil-audit-signals-" + runId);
        for (String sink : java.util.List.of("cef-tls", "cef-udp", "ecs-http", "ecs-file", "hec", "webhook")) {
            overrides.put("vigil.feeds." + sink + ".group-id", "vigil-feed-" + sink + "-" + runId);
        }
        overrides.put("vigil.escalation.group-id", "vigil-escalation-" + runId);
        overrides.put("vigil.supervision.snapshot-file", "target/test-supervision/" + runId + "/engine.snapshot");
        overrides.put("vigil.db.migrate-on-start", "false");
        overrides.put("vigil.api.port", "0"); // a free port: test receivers run side by side
        overrides.put("vigil.ops.port", "0");
    }

    /** The test's own name for a topic role, e.g. {@code test-1a2b3c4d.accepted}. */
    public String topic(String role) {
        return "test-" + runId + "." + role;
    }

    /**
     * Subscribes the receiver to these sites only (instead of {@code sites/#}), so that other traffic on
     * the shared broker — other tests, a benchmark — does not reach this test's topics.
     */
    public VigilTestApp forSites(String... siteIds) {
        overrides.put("vigil.mqtt.topic", java.util.Arrays.stream(siteIds).map(s -> "sites/" + s + "/#")
                .collect(java.util.stream.Collectors.joining(",")));
        return this;
    }

    public VigilTestApp with(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** The clock of the escalation stage (timers, supervision), e.g. a {@link MutableClock}. */
    public VigilTestApp withEscalationClock(java.time.Clock clock) {
        escalationClock = clock;
        return this;
    }

    /** The DC-09 account mapping of the receiver's DC-09 port (e.g. an in-memory one). */
    public VigilTestApp withDc09Accounts(io.vigil.dc09.Dc09Accounts accounts) {
        dc09Accounts = accounts;
        return this;
    }

    /** Use this database instead of a fresh one (e.g. to restart a receiver on the same state). */
    public VigilTestApp withDatabase(TestDatabase shared) {
        database = shared;
        ownsDatabase = false;
        return this;
    }

    public DatabaseConfig database() {
        if (database == null) {
            database = TestDatabase.createMigrated();
            ownsDatabase = true;
        }
        return database.config();
    }

    public VigilProperties properties() {
        return TestEnvironment.get().properties(overrides());
    }

    /** What this test changes in the shipped configuration, e.g. to run the receiver as its own process. */
    public Map<String, String> overrides() {
        Map<String, String> all = new HashMap<>(overrides);
        String url = database().url();
        all.putIfAbsent("vigil.db.url", url); // a test may reach the same database another way (a proxy)
        return all;
    }

    public VigilTestApp start() throws Exception {
        application = new VigilApplication(properties(), escalationClock).withDc09Accounts(dc09Accounts).start();
        return this;
    }

    public VigilApplication application() {
        return application;
    }

    /**
     * Waits until heartbeat supervision has advanced to {@code now} (the escalation clock after the
     * test moved it) and committed what it found: only then can a test say that no miss happened.
     */
    public void awaitSupervisionAt(java.time.Instant now) {
        var supervision = application.supervision();
        org.awaitility.Awaitility.await("supervision advanced to " + now).atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !supervision.advancedUntil().isBefore(now) && supervision.pendingSignals() == 0);
    }

    /** Stops the receiver; the database stays until {@link #close()}. */
    public void stop() {
        if (application != null) {
            application.close();
            application = null;
        }
    }

    @Override
    public void close() {
        boolean started = database != null;
        stop();
        if (started) {
            TestTopics.deleteWithPrefix(properties(), "test-" + runId + ".");
        }
        if (ownsDatabase && database != null) {
            database.close();
        }
    }
}
