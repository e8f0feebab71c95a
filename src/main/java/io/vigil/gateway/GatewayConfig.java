package io.vigil.gateway;

import io.vigil.config.VigilProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's own settings ({@code vigil.gateway.*}, docs/gateway.md "Configuration"); its panel
 * side is configured by the DC-09 port's {@code vigil.dc09.*}.
 *
 * @param brokerUrl       the centre's sites listener; empty: the bundle's {@code mqtt.broker-url}
 * @param journalMaxBytes pending entries' bytes at most
 * @param maxRate         frames forwarded per second at most
 * @param inFlight        frames published and not yet PUBACKed at most
 * @param retryMax        longest wait between connection attempts
 */
public record GatewayConfig(Path bundleDir, Optional<String> brokerUrl, Path accountsFile, Path journalDir,
                            long journalMaxBytes, int maxRate, int inFlight, Duration retryMax) {

    public GatewayConfig {
        if (journalMaxBytes < 64 * 1024) {
            throw new IllegalArgumentException("vigil.gateway.journal.max-bytes must be at least 65536");
        }
        if (maxRate < 1 || inFlight < 1) {
            throw new IllegalArgumentException("vigil.gateway.forward.max-rate and in-flight must be at least 1");
        }
        if (retryMax.isNegative() || retryMax.isZero()) {
            throw new IllegalArgumentException("vigil.gateway.forward.retry-max must be positive");
        }
    }

    public static GatewayConfig from(VigilProperties p) {
        String url = p.get("vigil.gateway.broker-url", "").trim();
        return new GatewayConfig(
                p.getPath("vigil.gateway.bundle-dir", "var/gateway/bundle"),
                url.isEmpty() ? Optional.empty() : Optional.of(url),
                p.getPath("vigil.gateway.accounts-file", "config/gateway-accounts.properties"),
                p.getPath("vigil.gateway.journal.dir", "var/gateway/journal"),
                p.getLong("vigil.gateway.journal.max-bytes", 32L * 1024 * 1024),
                p.getInt("vigil.gateway.forward.max-rate", 50),
                p.getInt("vigil.gateway.forward.in-flight", 16),
                p.getDuration("vigil.gateway.forward.retry-max", Duration.ofSeconds(30)));
    }
}
