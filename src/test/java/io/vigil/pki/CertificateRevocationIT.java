package io.vigil.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.bench.PrivateBroker;
import io.vigil.cli.SiteCommand;
import io.vigil.config.VigilProperties;
import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.RawMqtt;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 12, item 6: revocation reaches the broker. {@code vigil site revoke-cert} puts the site's
 * certificate in the device CA's CRL and makes the broker reload it (SIGHUP); from then on the site's
 * TLS handshake is refused while another site keeps publishing on its open connection. Runs its own
 * broker with the shipped configuration, so its reloads never touch the shared one.
 */
class CertificateRevocationIT {

    @TempDir
    Path dir;

    @Test
    void aRevokedSiteIsRefusedAtTheHandshakeWhileAnotherSiteKeepsPublishing() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        DevPki pki = env.pki();
        String revoked = "it-revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String kept = "it-kept-" + UUID.randomUUID().toString().substring(0, 8);
        PrivateBroker broker = PrivateBroker.start(env.properties(), dir.resolve("broker"));
        try (TestDatabase db = TestDatabase.createMigrated()) {
            Path pidFile = Files.writeString(dir.resolve("mosquitto.pid"), Long.toString(broker.pid()));
            VigilProperties properties = env.properties(Map.of(
                    "vigil.db.url", db.config().url(),
                    "vigil.sites.dir", dir.resolve("sites").toString(),
                    "vigil.pki.broker-pid-file", pidFile.toString()));
            assertThat(run(properties, "enroll", revoked)).isZero();
            assertThat(run(properties, "enroll", kept)).isZero();

            List<String> received = RawMqtt.collector();
            MqttAsyncClient receiver = RawMqtt.connect(broker.servicesUrl(), "vigil-it-" + kept, true, RawMqtt.receiverIdentity());
            RawMqtt.subscribe(receiver, "sites/" + kept + "/#", received);
            try (SiteConnection keptConnection = open(broker, pki, kept)) {
                open(broker, pki, revoked).close(); // admitted before the revocation
                keptConnection.publishAndWait("sites/" + kept + "/panel-1", "before".getBytes(StandardCharsets.UTF_8));

                StringWriter out = new StringWriter();
                assertThat(run(properties, out, "revoke-cert", revoked, "--reason", "panel stolen")).isZero();
                assertThat(out.toString()).contains("revoked").contains("reloads the CRL");

                await().atMost(Duration.ofSeconds(30)).until(() -> refused(broker, pki, revoked));
                keptConnection.publishAndWait("sites/" + kept + "/panel-1", "after".getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(List.of("before", "after")));
                assertThat(keptConnection.isConnected()).as("the other site's connection was never dropped").isTrue();
            } finally {
                RawMqtt.closeQuietly(receiver);
            }
            assertThat(auditRows(db, revoked)).containsExactly("site.enrolled|null", "site.cert_revoked|panel stolen");

            assertThat(run(properties, "disable", revoked, "--reason", "contract ended")).isZero();
            assertThat(auditRows(db, revoked)).endsWith("site.disabled|contract ended");
            StringWriter list = new StringWriter();
            run(properties, list, "list");
            assertThat(list.toString()).containsPattern(revoked + "\\s+\\S*\\s*disabled");
        } finally {
            broker.close();
        }
    }

    private static SiteConnection open(PrivateBroker broker, DevPki pki, String site) throws MqttException {
        return SiteConnection.open(broker.url(), site,
                MqttTls.socketFactory(pki.siteKeystore(site), pki.truststore(), pki.password()));
    }

    private static boolean refused(PrivateBroker broker, DevPki pki, String site) {
        try {
            open(broker, pki, site).close();
            return false;
        } catch (MqttException e) {
            return true;
        }
    }

    private static int run(VigilProperties properties, String... args) {
        return run(properties, new StringWriter(), args);
    }

    private static int run(VigilProperties properties, StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new SiteCommand(properties));
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        if (code != 0) {
            System.err.println("vigil site " + String.join(" ", args) + ": " + err);
        }
        return code;
    }

    private static List<String> auditRows(TestDatabase db, String siteId) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(db.config().url(), db.config().appUser(),
                db.config().appPassword());
             var statement = connection.prepareStatement("SELECT kind, reason FROM audit_log WHERE site_id = ? ORDER BY seq")) {
            statement.setString(1, siteId);
            List<String> rows = new java.util.ArrayList<>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + "|" + result.getString(2));
                }
            }
            return rows;
        }
    }
}
