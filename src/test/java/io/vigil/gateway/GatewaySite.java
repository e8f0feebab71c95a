package io.vigil.gateway;

import io.vigil.db.DatabaseConfig;
import io.vigil.testing.TestEnvironment;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.PostgresKeyRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A gateway's site for a test: enrolled as `vigil site enroll` does it (bundle with certificate and
 * signing key in target/test-gateway/), an accounts file, a journal folder, and the properties a
 * gateway needs to talk to the test environment's broker.
 */
final class GatewaySite {

    final String siteId;
    final Path home;
    private final DatabaseConfig database;

    private GatewaySite(String siteId, Path home, DatabaseConfig database) {
        this.siteId = siteId;
        this.home = home;
        this.database = database;
    }

    /** Enrols a new signed site in the centre's database, its bundle under target/test-gateway/<site>/. */
    static GatewaySite enroll(String prefix, DatabaseConfig database, String accountsFile) throws IOException {
        String site = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path home = Path.of("target/test-gateway", site).toAbsolutePath();
        Files.createDirectories(home);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.appUser());
        dataSource.setPassword(database.appPassword());
        TestEnvironment env = TestEnvironment.get();
        new SiteEnrollment(new PostgresKeyRegistry(dataSource), env.pki(), home.resolve("sites"), env.sitesBrokerUrl(),
                Clock.systemUTC()).enroll(site, "gateway test site", SignatureAlgorithm.EDDSA);
        Files.writeString(home.resolve("accounts.properties"), accountsFile);
        return new GatewaySite(site, home, database);
    }

    /** A gateway on free loopback ports (TCP and UDP), forwarding to {@code brokerUrl}. */
    Map<String, String> gatewayProperties(String brokerUrl) {
        Map<String, String> p = new HashMap<>();
        p.put("vigil.dc09.tcp.enabled", "true");
        p.put("vigil.dc09.tcp.port", "0");
        p.put("vigil.dc09.udp.enabled", "true");
        p.put("vigil.dc09.udp.port", "0");
        p.put("vigil.gateway.bundle-dir", home.resolve("sites").resolve(siteId).toString());
        p.put("vigil.gateway.broker-url", brokerUrl);
        p.put("vigil.gateway.accounts-file", home.resolve("accounts.properties").toString());
        p.put("vigil.gateway.journal.dir", home.resolve("journal").toString());
        p.put("vigil.gateway.forward.max-rate", "2000");
        p.put("vigil.gateway.forward.in-flight", "64");
        p.put("vigil.gateway.forward.retry-max", "2s");
        return p;
    }

    long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), database.appUser(), database.appPassword());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long incidentEvents() throws Exception {
        return count("SELECT count(*) FROM incident_events WHERE site_id = ?");
    }

    /** Events counted into the site's incidents: a duplicate that got through would count twice here. */
    long eventsCountedInIncidents() throws Exception {
        return count("SELECT coalesce(sum(event_count), 0) FROM incidents WHERE site_id = ?");
    }
}
