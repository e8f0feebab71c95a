package io.vigil.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.ConfigException;
import io.vigil.config.VigilProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedsConfigTest {

    private final VigilProperties shipped = VigilProperties.load();

    @Test
    void everySinkIsOffByDefaultAndNeedsNoSecretThen() {
        FeedsConfig config = FeedsConfig.from(shipped);

        assertThat(config.cefTls().enabled()).isFalse();
        assertThat(config.cefUdp().enabled()).isFalse();
        assertThat(config.ecsHttp().enabled()).isFalse();
        assertThat(config.ecsFile().enabled()).isFalse();
        assertThat(config.hec().enabled()).isFalse();
        assertThat(config.webhook().enabled()).isFalse();
        assertThat(config.incidentsTopic()).isEqualTo("incidents");
        assertThat(config.syslog().facility()).isEqualTo(20);
        assertThat(config.hostname()).isNotBlank().doesNotContain(" ");
    }

    @Test
    void anEnabledHttpSinkNeedsAUrlAndItsSecret() {
        assertThatThrownBy(() -> FeedsConfig.from(shipped.with(Map.of("vigil.feeds.hec.enabled", "true"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("VIGIL_FEEDS_HEC_TOKEN");
        assertThatThrownBy(() -> FeedsConfig.from(shipped.with(Map.of("vigil.feeds.webhook.enabled", "true",
                "vigil.feeds.webhook.secret", "short")))).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> FeedsConfig.from(shipped.with(Map.of("vigil.feeds.ecs-http.enabled", "true",
                "vigil.feeds.ecs-http.url", "ftp://x/")))).hasMessageContaining("http or https");
        assertThatThrownBy(() -> FeedsConfig.from(shipped.with(Map.of("vigil.feeds.ecs-http.enabled", "true",
                "vigil.feeds.ecs-http.url", "https://user:pw@x/")))).hasMessageContaining("credentials");
        assertThatThrownBy(() -> FeedsConfig.from(shipped.with(Map.of("vigil.feeds.cef-udp.enabled", "true",
                "vigil.feeds.cef-udp.port", "70000")))).hasMessageContaining("1..65535");
    }

    @Test
    void secretsStayOutOfToString() {
        FeedsConfig config = FeedsConfig.from(shipped.with(Map.of("vigil.feeds.hec.enabled", "true",
                "vigil.feeds.hec.token", "hec-token-123", "vigil.feeds.webhook.enabled", "true",
                "vigil.feeds.webhook.secret", "webhook-secret-0123456789", "vigil.feeds.cef-tls.truststore-password", "tls-pw-9")));

        assertThat(config.hec().secret()).isEqualTo("hec-token-123");
        assertThat(config.toString()).doesNotContain("hec-token-123", "webhook-secret-0123456789", "tls-pw-9");
    }
}
