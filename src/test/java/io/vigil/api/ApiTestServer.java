package io.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.api.auth.ApiTokens;
import io.vigil.api.auth.Role;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditOutput;
import io.vigil.audit.AuditQuery;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.automation.Automation;
import io.vigil.automation.mail.Mailer;
import io.vigil.automation.mail.SmtpConfig;
import io.vigil.automation.mail.SmtpMailer;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.IncidentService;
import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.pki.DevPki;
import io.vigil.testing.TestDatabase;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.PostgresKeyRegistry;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real API server for one test class: a fresh migrated database, the real token store, audit log,
 * key registry and site enrolment (dev PKI and site folders in a temporary directory), HTTPS on a
 * free loopback port, and a JDK HTTP client that trusts the temporary CA. The incident service is
 * either the real one on the same database ({@link #withIncidentService()}: queue order, filters and
 * state rules are PostgreSQL's and the escalation stage's) or, where only the HTTP layer is meant, a
 * fake ({@link FakeIncidentConsole}) that records what it was asked.
 */
final class ApiTestServer implements AutoCloseable {

    static final char[] PKI_PASSWORD = "test-pki".toCharArray();
    static final ObjectMapper JSON = new ObjectMapper();

    final TestDatabase database;
    final HikariDataSource pool;
    final PostgresAuditLog audit;
    final ApiTokens tokens;
    /** The fake incident service, or null when the server runs the real one. */
    final FakeIncidentConsole incidents;
    /** The real incident engine on this server's database (to open incidents), or null with the fake. */
    final IncidentEngine incidentEngine;
    final Path dir;
    final DevPki pki;
    final ApiServer server;
    /** Site records and action plans on this server's database. */
    final Automation automation;
    final HttpClient http;
    private final Map<Role, String> roleTokens = new HashMap<>();

    /** The console's accounts on this server's database, or null without the console. */
    final io.vigil.console.OperatorAccounts accounts;

    private ApiTestServer(Map<String, String> overrides, boolean realIncidents) throws Exception {
        this(overrides, realIncidents, new SmtpMailer(SmtpConfig.from(VigilProperties.of(Map.of()))), null);
    }

    private ApiTestServer(Map<String, String> overrides, boolean realIncidents, Mailer mailer, Clock consoleClock)
            throws Exception {
        dir = Files.createTempDirectory("vigil-api-test");
        pki = new DevPki(dir.resolve("pki"), PKI_PASSWORD);
        pki.init(List.of());
        database = TestDatabase.createMigrated();
        DatabaseConfig db = database.config();
        pool = Database.appPool(db.withPoolSize(6), "vigil-api-test");
        audit = PostgresAuditLog.start(pool, AuditConfig.DEFAULTS);
        tokens = new ApiTokens(pool, Clock.systemUTC());
        Map<String, String> settings = new HashMap<>();
        settings.put("vigil.api.port", "0");
        settings.put("vigil.api.keystore", pki.keystore(DevPki.API).toString());
        settings.put("vigil.api.keystore-password", new String(PKI_PASSWORD));
        // these tests send hundreds of bad tokens from one address on purpose; ApiBruteForceIT tests the limit
        settings.put("vigil.api.auth-failure.burst", "1000000");
        settings.putAll(overrides);
        ApiConfig config = ApiConfig.from(VigilProperties.of(settings));
        PostgresKeyRegistry registry = new PostgresKeyRegistry(pool);
        SiteEnrollment enrollment = new SiteEnrollment(registry, pki, dir.resolve("sites"), "ssl://localhost:8883",
                Clock.systemUTC());
        IncidentConsole console;
        if (realIncidents) {
            EscalationPolicy policy = EscalationPolicyLoader.load(Path.of("config/escalation-policy.yaml"));
            incidents = null;
            incidentEngine = new IncidentEngine(pool, policy, Clock.systemUTC());
            console = new EscalationIncidentConsole(new IncidentService(pool, policy, Clock.systemUTC()),
                    new SiteRecordStore(pool));
        } else {
            incidents = new FakeIncidentConsole();
            incidentEngine = null;
            console = incidents;
        }
        automation = Automation.on(pool, mailer, Clock.systemUTC());
        io.vigil.console.ConsoleConfig consoleConfig = io.vigil.console.ConsoleConfig.from(VigilProperties.of(settings));
        accounts = consoleClock == null ? null : new io.vigil.console.OperatorAccounts(pool, consoleClock, consoleConfig);
        server = ApiServer.start(config, new ApiServer.Services(pool, tokens, audit, 1000, registry, enrollment, console,
                automation), consoleClock == null ? null : io.vigil.console.Console.of(pool, consoleClock, consoleConfig));
        http = HttpClient.newBuilder().sslContext(trusting(pki.truststore())).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static ApiTestServer start() throws Exception {
        return new ApiTestServer(Map.of(), false);
    }

    static ApiTestServer start(Map<String, String> overrides) throws Exception {
        return new ApiTestServer(overrides, false);
    }

    /** A server with the operator console in front (docs/console.md), its sessions and lock-outs on {@code clock}. */
    static ApiTestServer withConsole(Clock clock, Map<String, String> overrides) throws Exception {
        return new ApiTestServer(overrides, false, new SmtpMailer(SmtpConfig.from(VigilProperties.of(Map.of()))), clock);
    }

    /** A server whose incident endpoints run on the real incident service and this server's database. */
    static ApiTestServer withIncidentService() throws Exception {
        return new ApiTestServer(Map.of(), true);
    }

    /** As {@link #withIncidentService()}, with e-mail notify steps sent through {@code mailer}. */
    static ApiTestServer withIncidentService(Mailer mailer) throws Exception {
        return new ApiTestServer(Map.of(), true, mailer, null);
    }

    /** A token with this role, one per role, for principal {@code <role>-1}. */
    synchronized String token(Role role) throws Exception {
        String token = roleTokens.get(role);
        if (token == null) {
            token = newToken(role.wireName() + "-1", role);
            roleTokens.put(role, token);
        }
        return token;
    }

    String newToken(String principal, Role role) throws Exception {
        return tokens.create(principal, role, "test", Duration.ofHours(1), "test").token();
    }

    URI uri(String pathAndQuery) {
        return server.baseUri().resolve(pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        return http.send(request(pathAndQuery, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json) throws Exception {
        return http.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, Object body) throws Exception {
        return post(path, token, JSON.writeValueAsString(body));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Audit rows as the CLI would print them (JSON lines), parsed. */
    List<JsonNode> auditRows(AuditFilter filter) throws Exception {
        StringWriter out = new StringWriter();
        new AuditQuery(pool, 1000).run(filter, AuditOutput.jsonLines(out));
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    void sql(String statement, Object... values) throws Exception {
        DatabaseConfig db = database.config();
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.appUser(), db.appPassword());
             PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.execute();
        }
    }

    static SSLContext trusting(Path truststore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            store.load(in, PKI_PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() throws Exception {
        server.close();
        audit.close();
        pool.close();
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
