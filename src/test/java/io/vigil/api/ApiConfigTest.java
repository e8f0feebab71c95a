package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.VigilProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    static ApiConfig config(Map<String, String> values) {
        return ApiConfig.from(VigilProperties.of(values));
    }

    @Test
    void theShippedDefaultsAreLoopbackHttpsWithTheDevPkiCertificate() throws Exception {
        Properties file = new Properties();
        try (var in = java.nio.file.Files.newBufferedReader(Path.of("config/application.properties"))) {
            file.load(in);
        }
        Map<String, String> values = new java.util.HashMap<>();
        file.stringPropertyNames().forEach(k -> values.put(k, file.getProperty(k).trim()));
        ApiConfig shipped = config(values);

        assertThat(shipped.enabled()).isTrue();
        assertThat(shipped.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(shipped.port()).isEqualTo(8443);
        assertThat(shipped.tls()).isTrue();
        assertThat(shipped.keystore().endsWith(Path.of("var/pki/api.p12"))).as(shipped.keystore().toString()).isTrue();
        assertThat(shipped.incidentChannel()).isEqualTo("vigil_incidents");
        assertThat(shipped.stream().keepAlive()).isEqualTo(Duration.ofSeconds(15));
        assertThat(shipped).isEqualTo(config(Map.of())); // the file and the code agree on every default
    }

    @Test
    void plainHttpIsOnlyAllowedOnLoopback() {
        assertThat(config(Map.of("vigil.api.tls", "false")).tls()).isFalse();
        assertThat(config(Map.of("vigil.api.tls", "false", "vigil.api.bind-address", "::1")).tls()).isFalse();
        assertThatThrownBy(() -> config(Map.of("vigil.api.tls", "false", "vigil.api.bind-address", "0.0.0.0")))
                .hasMessageContaining("loopback");
        // a disabled API is not checked for it
        assertThat(config(Map.of("vigil.api.enabled", "false", "vigil.api.tls", "false", "vigil.api.bind-address", "0.0.0.0"))
                .enabled()).isFalse();
    }

    @Test
    void theChannelMustBeAPlainIdentifierBecauseListenTakesNoParameter() {
        for (String bad : new String[] {"vigil incidents", "x; DROP TABLE t", "\"quoted\"", "Upper", "a".repeat(64), "1abc"}) {
            assertThatThrownBy(() -> config(Map.of("vigil.api.incident-channel", bad))).as(bad)
                    .hasMessageContaining("incident-channel");
        }
    }

    @Test
    void inconsistentTimesAndSizesAreRefused() {
        assertThatThrownBy(() -> config(Map.of("vigil.api.token-ttl", "400d"))).hasMessageContaining("token-max-ttl");
        assertThatThrownBy(() -> config(Map.of("vigil.api.stream.keep-alive", "90s"))).hasMessageContaining("keep-alive");
        assertThatThrownBy(() -> config(Map.of("vigil.api.max-body-bytes", "10"))).hasMessageContaining("max-body-bytes");
        assertThatThrownBy(() -> config(Map.of("vigil.api.stream.client-buffer", "0"))).hasMessageContaining("client-buffer");
    }
}
