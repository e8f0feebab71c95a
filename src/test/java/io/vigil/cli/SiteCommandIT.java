package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.VigilProperties;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import io.vigil.trust.device.DeviceBundle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SiteCommandIT {

    private static TestDatabase db;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void database() {
        db = TestDatabase.createMigrated();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void enrollWritesADeviceBundleAndRegistersTheKey() throws Exception {
        assertThat(run("enroll", "cli-site", "--alg", "ES256", "--name", "Corner shop")).as(err.toString()).isZero();

        Path bundle = dir.resolve("sites/cli-site");
        assertThat(out.toString()).contains("enrolled site cli-site").contains(bundle.toString());
        for (String file : new String[] {DeviceBundle.PROPERTIES, DeviceBundle.SIGNING_KEY, DeviceBundle.CLIENT_CERTIFICATE,
                DeviceBundle.CLIENT_KEY, DeviceBundle.CLIENT_KEYSTORE, DeviceBundle.CA_CERTIFICATE}) {
            assertThat(bundle.resolve(file)).exists();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.resolve(DeviceBundle.SIGNING_KEY))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(bundle.resolve(DeviceBundle.SIGNING_KEY))).startsWith("-----BEGIN PRIVATE KEY-----");
        DeviceBundle.Settings settings = DeviceBundle.readSettings(bundle);
        assertThat(settings.siteId()).isEqualTo("cli-site");
        assertThat(settings.topicPrefix()).isEqualTo("sites/cli-site/");
        // devices connect to the site listener, not to the receiver's service listener
        assertThat(settings.brokerUrl()).isEqualTo(TestEnvironment.get().properties().get("vigil.mqtt.sites-broker-url"))
                .isNotEqualTo(TestEnvironment.get().properties().get("vigil.mqtt.broker-url"));

        out.getBuffer().setLength(0);
        assertThat(run("list", "--json")).isZero();
        JsonNode sites = new ObjectMapper().readTree(out.toString());
        // other tests of this class enroll sites too, in any order: look the site up by its id
        JsonNode site = java.util.stream.StreamSupport.stream(sites.spliterator(), false)
                .filter(s -> s.get("id").asText().equals("cli-site")).findFirst()
                .orElseThrow(() -> new AssertionError("cli-site not listed: " + sites));
        assertThat(site.get("name").asText()).isEqualTo("Corner shop");
        assertThat(site.get("keys").get(0).get("kid").asText()).isEqualTo(settings.kid());
        assertThat(site.get("keys").get(0).get("alg").asText()).isEqualTo("ES256");
        assertThat(site.get("keys").get(0).get("status").asText()).isEqualTo("active");
    }

    @Test
    void rotateRevokeAndListAsATable() {
        assertThat(run("enroll", "cli-rotate")).isZero();
        String oldKid = DeviceBundle.readSettings(dir.resolve("sites/cli-rotate")).kid();
        assertThat(run("rotate-key", "cli-rotate", "--overlap", "30m")).as(err.toString()).isZero();
        String newKid = DeviceBundle.readSettings(dir.resolve("sites/cli-rotate")).kid();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(out.toString()).contains(oldKid + " valid until");

        // a key id is a base64url thumbprint and may begin with '-': "--" ends the options (POSIX)
        assertThat(run("revoke-key", "--reason", "rotated after compromise", "--", "cli-rotate", oldKid))
                .as(err.toString()).isZero();
        assertThat(run("revoke-key", "--reason", "again", "--", "cli-rotate", oldKid)).isEqualTo(1);
        assertThat(err.toString()).contains("no unrevoked key");

        out.getBuffer().setLength(0);
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains("SITE").contains(oldKid).contains("revoked").contains(newKid).contains("active");

        // every administration act is in the audit trail, with who did it and why
        assertThat(auditRows("cli-rotate")).containsExactly(
                "site.enrolled|operator|null", "key.rotated|operator|null", "key.revoked|operator|rotated after compromise");
    }

    private static java.util.List<String> auditRows(String siteId) {
        try (var connection = java.sql.DriverManager.getConnection(db.config().url(), db.config().appUser(),
                db.config().appPassword());
             var statement = connection.prepareStatement(
                     "SELECT kind, actor_type, reason FROM audit_log WHERE site_id = ? ORDER BY seq")) {
            statement.setString(1, siteId);
            java.util.List<String> rows = new java.util.ArrayList<>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + "|" + result.getString(2) + "|" + result.getString(3));
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void profilesWithoutSignaturesAreEnrolledWithWrappedKeysListedRotatedRevokedAndAudited() throws Exception {
        assertThat(run("enroll", "x-panel", "--profile", "dc09-aes", "--dc09-account", "4711",
                "--dc09-key", "000102030405060708090a0b0c0d0e0f")).as(err.toString()).isZero();
        assertThat(run("enroll", "x-phone", "--profile", "owntracks-secret", "--owntracks-secret", "s3cret"))
                .as(err.toString()).isZero();
        assertThat(run("enroll", "x-bare", "--profile", "transport-only")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("warning: transport-only");
        assertThat(dir.resolve("sites/x-phone/" + DeviceBundle.CLIENT_KEYSTORE)).as("the app's client certificate").exists();
        assertThat(dir.resolve("sites/x-phone/" + DeviceBundle.SIGNING_KEY)).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets/kek"))))
                .isEqualTo("rw-------");
        assertThat(wrappedSecrets()).as("a database reader sees no key").noneMatch(w -> containsBytes(w,
                java.util.HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f")) || containsBytes(w,
                "s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(run("rotate-key", "x-panel", "--dc09-account", "4711", "--dc09-key-text", "ABCDEFGHIJKLMNOP",
                "--overlap", "10m")).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("list", "--json")).isZero();
        JsonNode panel = null;
        for (JsonNode site : new ObjectMapper().readTree(out.toString())) {
            if (site.get("id").asText().equals("x-panel")) {
                panel = site;
            }
        }
        assertThat(panel.get("profile").asText()).isEqualTo("dc09-aes");
        assertThat(panel.get("keys")).hasSize(2);
        String first = panel.get("keys").get(0).get("kid").asText();
        assertThat(first).startsWith("dc09-4711-");
        assertThat(panel.get("keys").get(0).get("dc09Account").asText()).isEqualTo("4711");
        assertThat(run("revoke-key", "--reason", "panel replaced", "--", "x-panel", first)).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains("x-phone").contains("owntracks-secret").contains("transport-only")
                .contains(first).contains("revoked");

        assertThat(auditRows("x-panel")).containsExactly(
                "site.enrolled|operator|null", "key.rotated|operator|null", "key.revoked|operator|panel replaced");
        assertThat(run("enroll", "x-other", "--profile", "dc09-aes", "--dc09-account", "4711",
                "--dc09-key-text", "ABCDEFGHIJKLMNOP")).as("an account belongs to one site").isEqualTo(1);
        assertThat(run("enroll", "x-nokey", "--profile", "dc09-aes", "--dc09-account", "1")).isEqualTo(1);
        assertThat(run("enroll", "x-badkey", "--profile", "dc09-aes", "--dc09-account", "1", "--dc09-key", "00")).isEqualTo(1);
        assertThat(err.toString()).contains("belongs to another site").contains("needs --dc09-account")
                .contains("32, 48 or 64 hex digits");
    }

    private static java.util.List<byte[]> wrappedSecrets() {
        try (var connection = java.sql.DriverManager.getConnection(db.config().url(), db.config().appUser(),
                db.config().appPassword());
             var statement = connection.prepareStatement("SELECT wrapped FROM site_secrets");
             var result = statement.executeQuery()) {
            java.util.List<byte[]> rows = new java.util.ArrayList<>();
            while (result.next()) {
                rows.add(result.getBytes(1));
            }
            assertThat(rows).isNotEmpty();
            return rows;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean containsBytes(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void mistakesEndWithOneLineAndExitCodeOne() {
        assertThat(run("enroll", "bad id")).isEqualTo(1);
        assertThat(err.toString()).contains("a site id is 1-64 characters");
        assertThat(run("enroll", "cli-twice")).isZero();
        assertThat(run("enroll", "cli-twice")).isEqualTo(1);
        assertThat(run("rotate-key", "cli-twice", "--overlap", "soon")).isEqualTo(1);
        assertThat(run("enroll", "cli-alg", "--alg", "RS256")).isEqualTo(1);
        assertThat(run("enroll", "receiver")).isEqualTo(1);
        assertThat(run("enroll", "vigil-receiver-1")).isEqualTo(1);
        assertThat(err.toString()).contains("enrolled already").contains("not a duration").contains("unsupported signature algorithm")
                .contains("site id receiver is reserved").contains("site id vigil-receiver-1 is reserved");
    }

    private int run(String... args) {
        VigilProperties properties = TestEnvironment.get().properties(Map.of(
                "vigil.db.url", db.config().url(),
                "vigil.pki.dir", dir.resolve("pki").toString(),
                "vigil.sites.dir", dir.resolve("sites").toString(),
                "vigil.trust.secrets.kek-file", dir.resolve("secrets/kek").toString()));
        CommandLine cli = new CommandLine(new SiteCommand(properties));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
