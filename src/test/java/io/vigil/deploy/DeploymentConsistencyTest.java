package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.ComposeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine): these checks keep it consistent with the
 * local services, which run the same deploy/ files.
 */
class DeploymentConsistencyTest {

    private final ComposeFile compose = ComposeFile.read(Path.of("docker-compose.yml"));

    @Test
    void mosquittoRunsTheProjectsOwnConfigAndAcl() throws Exception {
        ComposeFile.Service mosquitto = compose.service("mosquitto");
        assertThat(mosquitto.mounts()).contains(new ComposeFile.Mount("./deploy/mosquitto", "/vigil/deploy/mosquitto", true));
        assertThat(mosquitto.workingDir()).isEqualTo("/vigil");
        assertThat(mosquitto.command()).containsSubsequence("-c", "deploy/mosquitto/mosquitto.conf");
        assertThat(script()).contains("conf=deploy/mosquitto/mosquitto.conf").contains("-c \"$conf\"");
        String conf = Files.readString(Path.of("deploy/mosquitto/mosquitto.conf"));
        assertThat(conf).contains("per_listener_settings true");
        assertThat(conf).doesNotContainPattern("(?m)^\\s*listener\\s+1883").doesNotContainPattern("(?m)^\\s*allow_anonymous\\s+true");
        assertThat(Files.readString(Path.of("docker-compose.yml"))).contains("nc -z 127.0.0.1 8883 && nc -z 127.0.0.1 8884");
    }

    @Test
    void theSiteListenerTrustsOnlyTheDeviceCaChecksItsCrlAndTiesClientIdsToCertificates() throws Exception {
        String site = listener("8883");
        assertThat(site).contains("listener 8883 127.0.0.1", "allow_anonymous false", "require_certificate true",
                "cafile var/pki/ca.pem", "crlfile var/pki/crl.pem", "use_identity_as_username true",
                "use_username_as_clientid true", "acl_file deploy/mosquitto/acl-sites");
        String acl = rules("deploy/mosquitto/acl-sites");
        // nothing a site CN could match beyond writing below its own topic
        assertThat(acl).isEqualTo("pattern write sites/%u/#");
    }

    @Test
    void theServiceListenerTrustsOnlyTheServiceCa() throws Exception {
        String service = listener("8884");
        assertThat(service).contains("listener 8884 127.0.0.1", "allow_anonymous false", "require_certificate true",
                "cafile var/pki/service-ca.pem", "use_identity_as_username true", "acl_file deploy/mosquitto/acl-services");
        assertThat(service).doesNotContain("var/pki/ca.pem");
        assertThat(rules("deploy/mosquitto/acl-services")).isEqualTo("user receiver\ntopic read sites/#");
        assertThat(script()).contains("acl-sites", "acl-services", "crl.pem", "service-ca.pem");
    }

    /** The lines of one listener's block: from its {@code listener} line to the next listener or section. */
    private static String listener(String port) throws Exception {
        String conf = Files.readString(Path.of("deploy/mosquitto/mosquitto.conf"));
        int start = conf.indexOf("\nlistener " + port + " ");
        assertThat(start).as("listener " + port).isPositive();
        int next = conf.indexOf("\nlistener ", start + 1);
        int blank = conf.indexOf("\n\n", start + 1);
        int end = next < 0 ? blank : Math.min(next, blank);
        return conf.substring(start + 1, end < 0 ? conf.length() : end);
    }

    private static String rules(String file) throws Exception {
        return Files.readAllLines(Path.of(file)).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    @Test
    void kafkaRunsTheSameServerPropertiesAndVersion() throws Exception {
        ComposeFile.Service kafka = compose.service("kafka");
        assertThat(kafka.mounts()).contains(new ComposeFile.Mount("./deploy/kafka", "/vigil/deploy/kafka", true));
        // the data volume's mount point, and the local broker's data folder
        assertThat(Files.readString(Path.of("deploy/kafka/server.properties"))).contains("log.dirs=var/kafka/data");
        assertThat(String.join(" ", kafka.command())).contains("-c deploy/kafka/server.properties")
                .contains("kafka-server-start.sh deploy/kafka/server.properties");
        assertThat(script()).contains("kafka.Kafka deploy/kafka/server.properties");
        String pom = Files.readString(Path.of("scripts/kafka-broker/pom.xml"));
        Matcher version = Pattern.compile("<kafka.version>(.+)</kafka.version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(kafka.image()).isEqualTo("apache/kafka:" + version.group(1));
    }

    @Test
    void kafkaTakesOnlyMutualTlsClientsAndAuthorisesEachByAcl() throws Exception {
        String server = Files.readString(Path.of("deploy/kafka/server.properties"));
        assertThat(server).contains("listeners=SSL://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
                "listener.security.protocol.map=SSL:SSL,CONTROLLER:SSL", "inter.broker.listener.name=SSL",
                "ssl.client.auth=required", "ssl.truststore.location=var/pki/kafka/truststore.p12",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false", "super.users=User:kafka-broker;User:vigil-admin");
        assertThat(server).doesNotContainPattern("(?m)^[^#]*PLAINTEXT").doesNotContainPattern("(?m)^[^#]*SASL");
        ComposeFile.Service kafka = compose.service("kafka");
        assertThat(kafka.mounts()).contains(new ComposeFile.Mount("./var/pki/kafka", "/vigil/var/pki/kafka", true));
        assertThat(compose.service("pki").command()).containsSubsequence("--kafka-key-group", "1000");
        // the shipped configuration connects with TLS, and the command-line tools' file names the same stores
        assertThat(Files.readString(Path.of("config/application.properties"))).contains("vigil.kafka.security-protocol=SSL");
        assertThat(Files.readString(Path.of("deploy/kafka/admin-client.properties"))).contains("security.protocol=SSL",
                "ssl.keystore.location=var/pki/kafka/vigil-admin.p12", "ssl.truststore.location=var/pki/kafka/truststore.p12");
    }

    @Test
    void postgresRunsTheSameInitScript() throws Exception {
        ComposeFile.Service postgres = compose.service("postgres");
        assertThat(postgres.mounts()).contains(
                new ComposeFile.Mount("./deploy/postgres/init.sql", "/docker-entrypoint-initdb.d/init.sql", true));
        assertThat(script()).contains("deploy/postgres/init.sql");
        assertThat(postgres.image()).startsWith("postgres:16");
    }

    @Test
    void everyImageIsPinnedAndEveryServiceIsHealthChecked() {
        compose.services().values().forEach(service -> {
            assertThat(service.image()).as(service.name()).matches("[a-z0-9./-]+:v?[0-9][A-Za-z0-9._-]*");
            assertThat(service.networkMode()).as(service.name()).isEqualTo("host");
        });
        for (String name : new String[] {"postgres", "kafka", "mosquitto"}) {
            assertThat(compose.service(name).hasHealthcheck()).as(name).isTrue();
        }
    }

    @Test
    void vigilInComposeUsesTheSameConfigurationAndRoutes() {
        ComposeFile.Service vigil = compose.service("vigil");
        assertThat(vigil.mounts()).contains(
                new ComposeFile.Mount("./config", "/vigil/config", true),
                new ComposeFile.Mount("./routes", "/vigil/routes", true));
    }

    @Test
    void prometheusScrapesTheManagementPortWithTheProjectsRulesAndGrafanaShowsTheDashboard() throws Exception {
        ComposeFile.Service prometheus = compose.service("prometheus");
        assertThat(prometheus.mounts()).contains(new ComposeFile.Mount("./deploy/prometheus", "/etc/prometheus", true));
        assertThat(String.join(" ", prometheus.command())).contains("--web.listen-address=127.0.0.1:9090");
        java.util.Properties shipped = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        assertThat(Files.readString(Path.of("deploy/prometheus/prometheus.yml")))
                .contains("'" + shipped.getProperty("vigil.ops.bind-address") + ":" + shipped.getProperty("vigil.ops.port") + "'")
                .contains("- alerts.yml");
        assertThat(compose.service("grafana").mounts()).contains(
                new ComposeFile.Mount("./deploy/grafana/dashboards", "/var/lib/grafana/dashboards", true));
        assertThat(Files.readString(Path.of("deploy/grafana/dashboards/vigil.json"))).contains("\"uid\": \"vigil-prometheus\"");
    }

    private static String script() throws Exception {
        return Files.readString(Path.of("scripts/services"));
    }
}
