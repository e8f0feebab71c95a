package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.VigilProperties;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The example files in deploy/gateway/ say what the gateway reads. */
class GatewayDeployTest {

    @Test
    void theExampleConfigurationSetsOnlyKeysTheShippedConfigurationDefinesAndTypedConfigAccepts() throws Exception {
        Properties example = read(Path.of("deploy/gateway/gateway.properties"));
        Set<String> shipped = read(Path.of("config/application.properties")).stringPropertyNames();
        assertThat(example.stringPropertyNames()).isNotEmpty().allSatisfy(key -> assertThat(shipped).contains(key));

        VigilProperties layered = VigilProperties.of(read(Path.of("config/application.properties")).entrySet().stream()
                .collect(Collectors.toMap(e -> (String) e.getKey(), e -> ((String) e.getValue()).trim())))
                .with(example.entrySet().stream().collect(Collectors.toMap(e -> (String) e.getKey(),
                        e -> ((String) e.getValue()).trim())));
        GatewayConfig config = GatewayConfig.from(layered);
        assertThat(config.journalDir()).isEqualTo(Path.of("/var/lib/vigil-gateway/journal"));
        assertThat(io.vigil.dc09.Dc09Config.from(layered).tcp().enabled()).isTrue();
    }

    @Test
    void theUnitRunsTheGatewayWithTheExampleConfigurationsPathAndKeepsItsJournalInItsStateDirectory() throws Exception {
        String unit = Files.readString(Path.of("deploy/gateway/vigil-gateway.service"));
        assertThat(unit).contains("vigil.jar gateway --config /etc/vigil/gateway.properties")
                .contains("StateDirectory=vigil-gateway").contains("KillSignal=SIGTERM").contains("User=vigil");
        assertThat(Files.readString(Path.of("deploy/gateway/gateway.properties")))
                .contains("vigil gateway --config /etc/vigil/gateway.properties");
    }

    private static Properties read(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p;
    }
}
