package io.vigil.ops;

import static io.vigil.config.ConfigChecks.isLoopback;
import static io.vigil.config.ConfigChecks.requirePositive;

import io.vigil.config.VigilProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of metrics, health and the management port ({@code vigil.ops.*}; README and
 * docs/operations.md list them).
 *
 * @param enabled          metrics and the management server at all (off: no meter is recorded)
 * @param bindAddress      where the management server listens; loopback by default
 * @param port             0 picks a free port (tests)
 * @param tls              HTTPS; plain HTTP is refused on anything but a loopback address
 * @param keystore         PKCS12 with the server certificate and key (the API's by default)
 * @param token            when set, every request must carry {@code Authorization: Bearer <token>}
 * @param refreshInterval  how often the gauges that cost a query (Kafka lag, outbox, audit head) are read
 * @param healthTimeout    a check without an answer within this long is down
 */
public record OpsConfig(boolean enabled, String bindAddress, int port, boolean tls, Path keystore,
                        String keystorePassword, String token, Duration refreshInterval, Duration healthTimeout) {

    public OpsConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("vigil.ops.port must be 0-65535");
        }
        requirePositive("vigil.ops.refresh-interval", refreshInterval);
        requirePositive("vigil.ops.health-timeout", healthTimeout);
        if (enabled && !tls && !isLoopback(bindAddress)) {
            throw new IllegalArgumentException("vigil.ops.tls=false is only allowed on a loopback address");
        }
        token = token == null ? "" : token.strip();
    }

    public static OpsConfig from(VigilProperties p) {
        return new OpsConfig(
                p.getBoolean("vigil.ops.enabled", true),
                p.get("vigil.ops.bind-address", "127.0.0.1"),
                p.getInt("vigil.ops.port", 9464),
                p.getBoolean("vigil.ops.tls", false),
                p.getPath("vigil.ops.keystore", "var/pki/api.p12"),
                p.get("vigil.ops.keystore-password", p.get("vigil.pki.password", "vigil-dev-pki")),
                p.get("vigil.ops.token", ""),
                p.getDuration("vigil.ops.refresh-interval", Duration.ofSeconds(10)),
                p.getDuration("vigil.ops.health-timeout", Duration.ofSeconds(2)));
    }

    public boolean tokenRequired() {
        return !token.isEmpty();
    }
}
