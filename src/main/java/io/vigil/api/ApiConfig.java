package io.vigil.api;

import io.vigil.api.auth.FailedAuthLimiter;
import io.vigil.config.VigilProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of the operator API ({@code vigil.api.*}; README and docs/api.md list them).
 *
 * @param enabled          whether the receiver starts the API at all
 * @param bindAddress      where it listens; loopback by default
 * @param port             0 picks a free port (tests)
 * @param tls              HTTPS; plain HTTP is refused on anything but a loopback address
 * @param keystore         PKCS12 with the server certificate and key
 * @param maxBodyBytes     larger request bodies are refused with 413
 * @param maxThreads       the HTTP server's thread pool (event streams take none while idle)
 * @param idleTimeout      a connection without traffic is closed after this long
 * @param auditTimeout     how long a state-changing call waits for its audit row before failing
 * @param tokenTtl         lifetime of a new token unless the request asks for another
 * @param tokenMaxTtl      the longest lifetime a token may be given
 * @param incidentChannel  the PostgreSQL NOTIFY channel of incident changes
 * @param dbPoolSize       connections of the API's own pool (one is held by the stream's LISTEN)
 * @param authFailures     the per-client limit of failed authentications (docs/api.md, "Brute force")
 */
public record ApiConfig(boolean enabled, String bindAddress, int port, boolean tls, Path keystore,
                        String keystorePassword, int maxBodyBytes, int maxThreads, Duration idleTimeout,
                        Duration auditTimeout, Duration tokenTtl, Duration tokenMaxTtl, String incidentChannel,
                        Stream stream, int dbPoolSize, FailedAuthLimiter.Config authFailures) {

    /** Channel names go into {@code LISTEN <name>}, which takes no parameter: only plain identifiers. */
    public static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * The incident event stream (SSE).
     *
     * @param maxClients   further subscribers get 503
     * @param clientBuffer events queued for one client; a client that falls this far behind is dropped
     * @param keepAlive    comment sent to every client this often (and when their tokens are re-checked)
     * @param replay       recent events kept for clients that reconnect with Last-Event-ID
     */
    public record Stream(int maxClients, int clientBuffer, Duration keepAlive, int replay) {
        public Stream {
            if (maxClients < 1 || clientBuffer < 1 || replay < 0) {
                throw new IllegalArgumentException("vigil.api.stream.max-clients and client-buffer must be positive,"
                        + " replay not negative");
            }
            requirePositive("vigil.api.stream.keep-alive", keepAlive);
        }
    }

    public ApiConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("vigil.api.port must be 0-65535");
        }
        if (maxBodyBytes < 1024 || maxThreads < 4 || dbPoolSize < 2) {
            throw new IllegalArgumentException("vigil.api.max-body-bytes must be at least 1024, max-threads at least 4,"
                    + " db-pool-size at least 2");
        }
        requirePositive("vigil.api.idle-timeout", idleTimeout);
        requirePositive("vigil.api.audit-timeout", auditTimeout);
        requirePositive("vigil.api.token-ttl", tokenTtl);
        requirePositive("vigil.api.token-max-ttl", tokenMaxTtl);
        if (tokenTtl.compareTo(tokenMaxTtl) > 0) {
            throw new IllegalArgumentException("vigil.api.token-ttl is longer than vigil.api.token-max-ttl");
        }
        if (!CHANNEL.matcher(incidentChannel).matches()) {
            throw new IllegalArgumentException("vigil.api.incident-channel must be a lower-case identifier"
                    + " ([a-z_][a-z0-9_]*, at most 63 characters)");
        }
        if (enabled && !tls && !isLoopback(bindAddress)) {
            throw new IllegalArgumentException("vigil.api.tls=false is only allowed on a loopback address:"
                    + " tokens would cross the network in clear text");
        }
        if (stream.keepAlive().compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("vigil.api.stream.keep-alive must be shorter than vigil.api.idle-timeout");
        }
    }

    public static ApiConfig from(VigilProperties p) {
        return new ApiConfig(
                p.getBoolean("vigil.api.enabled", true),
                p.get("vigil.api.bind-address", "127.0.0.1"),
                p.getInt("vigil.api.port", 8443),
                p.getBoolean("vigil.api.tls", true),
                p.getPath("vigil.api.keystore", "var/pki/api.p12"),
                p.get("vigil.api.keystore-password", p.get("vigil.pki.password", "vigil-dev-pki")),
                p.getInt("vigil.api.max-body-bytes", 65_536),
                p.getInt("vigil.api.max-threads", 32),
                p.getDuration("vigil.api.idle-timeout", Duration.ofSeconds(60)),
                p.getDuration("vigil.api.audit-timeout", Duration.ofSeconds(10)),
                p.getDuration("vigil.api.token-ttl", Duration.ofDays(90)),
                p.getDuration("vigil.api.token-max-ttl", Duration.ofDays(366)),
                p.get("vigil.api.incident-channel", "vigil_incidents"),
                new Stream(
                        p.getInt("vigil.api.stream.max-clients", 64),
                        p.getInt("vigil.api.stream.client-buffer", 256),
                        p.getDuration("vigil.api.stream.keep-alive", Duration.ofSeconds(15)),
                        p.getInt("vigil.api.stream.replay", 1000)),
                p.getInt("vigil.api.db-pool-size", 6),
                new FailedAuthLimiter.Config(
                        p.getInt("vigil.api.auth-failure.burst", 10),
                        p.getDuration("vigil.api.auth-failure.refill-every", Duration.ofSeconds(6)),
                        p.getInt("vigil.api.auth-failure.max-clients", 100_000)));
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
