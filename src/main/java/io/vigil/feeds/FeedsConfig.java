package io.vigil.feeds;

import io.vigil.config.ConfigException;
import io.vigil.config.VigilProperties;
import io.vigil.feeds.syslog.SyslogFormat;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Configuration of the SOC feeds ({@code vigil.feeds.*}, docs/feeds.md). Every sink is off unless
 * {@code vigil.feeds.<sink>.enabled=true}; a sink's addresses and secrets are only checked when it is on.
 * Secrets never appear in {@link #toString()}.
 */
public record FeedsConfig(
        String incidentsTopic,
        String securityTopic,
        String hostname,
        String productVersion,
        SyslogFormat syslog,
        CefTls cefTls,
        Sink cefUdp,
        HttpSink ecsHttp,
        Sink ecsFile,
        HttpSink hec,
        String hecSource,
        String hecIndex,
        HttpSink webhook,
        HttpClientSettings http) {

    /** A sink's switch (the route's autoStartup reads the same key). */
    public record Sink(String name, boolean enabled) {}

    /** The syslog TLS sink: where, which CAs to trust, an optional client certificate. */
    public record CefTls(boolean enabled, String host, int port, Path truststore, char[] truststorePassword,
                         Path keystore, char[] keystorePassword, boolean verifyHostname) {
        @Override
        public String toString() {
            return "CefTls[enabled=" + enabled + ", host=" + host + ", port=" + port + ", truststore=" + truststore
                    + ", keystore=" + keystore + ", verifyHostname=" + verifyHostname + "]";
        }
    }

    /** An HTTP sink: its URL and its secret (HEC token, webhook secret or an Authorization value). */
    public record HttpSink(String name, boolean enabled, URI url, String secret) {
        @Override
        public String toString() {
            return "HttpSink[" + name + ", enabled=" + enabled + ", url=" + url + ", secret=" + (secret == null ? "none" : "hidden") + "]";
        }
    }

    public record HttpClientSettings(Duration connectTimeout, Duration requestTimeout, Path truststore,
                                     char[] truststorePassword) {
        @Override
        public String toString() {
            return "HttpClientSettings[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                    + ", truststore=" + truststore + "]";
        }
    }

    public static FeedsConfig from(VigilProperties p) {
        try {
            String hostname = SyslogFormat.hostname(p.get("vigil.feeds.hostname", "").isBlank()
                    ? localHostName() : p.get("vigil.feeds.hostname"));
            SyslogFormat syslog = new SyslogFormat(SyslogFormat.facility(p.get("vigil.feeds.syslog.facility", "local4")),
                    hostname, p.get("vigil.feeds.syslog.app-name", "vigil"), p.get("vigil.feeds.syslog.sd-id", "vigil@32473"));
            boolean tlsOn = enabled(p, "cef-tls");
            CefTls cefTls = new CefTls(tlsOn, p.get("vigil.feeds.cef-tls.host", "localhost"),
                    port(p, "vigil.feeds.cef-tls.port", 6514),
                    optionalPath(p, "vigil.feeds.cef-tls.truststore"),
                    p.get("vigil.feeds.cef-tls.truststore-password", "").toCharArray(),
                    optionalPath(p, "vigil.feeds.cef-tls.keystore"),
                    p.get("vigil.feeds.cef-tls.keystore-password", "").toCharArray(),
                    p.getBoolean("vigil.feeds.cef-tls.verify-hostname", true));
            boolean udpOn = enabled(p, "cef-udp");
            if (udpOn) {
                port(p, "vigil.feeds.cef-udp.port", 514);
            }
            HttpSink hec = httpSink(p, "hec", "token", true);
            HttpSink webhook = httpSink(p, "webhook", "secret", true);
            if (webhook.enabled() && webhook.secret().getBytes(StandardCharsets.UTF_8).length < 16) {
                throw new ConfigException("vigil.feeds.webhook.secret must have at least 16 bytes (32 random bytes recommended)");
            }
            return new FeedsConfig(p.get("vigil.kafka.topic.incidents", "incidents"), p.get("vigil.kafka.topic.security"),
                    hostname, jarVersion(), syslog, cefTls, new Sink("cef-udp", udpOn),
                    httpSink(p, "ecs-http", "authorization", false), new Sink("ecs-file", enabled(p, "ecs-file")),
                    hec, p.get("vigil.feeds.hec.source", "vigil"), p.get("vigil.feeds.hec.index", ""), webhook,
                    new HttpClientSettings(p.getDuration("vigil.feeds.http.connect-timeout", Duration.ofSeconds(5)),
                            p.getDuration("vigil.feeds.http.request-timeout", Duration.ofSeconds(10)),
                            optionalPath(p, "vigil.feeds.http.truststore"),
                            p.get("vigil.feeds.http.truststore-password", "").toCharArray()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("feeds: " + e.getMessage());
        }
    }

    /** Implementation-Version of the jar, {@code dev} when run from classes. */
    public static String jarVersion() {
        String version = FeedsConfig.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static boolean enabled(VigilProperties p, String sink) {
        return p.getBoolean("vigil.feeds." + sink + ".enabled", false);
    }

    private static HttpSink httpSink(VigilProperties p, String name, String secretKey, boolean secretRequired) {
        String prefix = "vigil.feeds." + name + ".";
        boolean on = enabled(p, name);
        String secret = p.get(prefix + secretKey, "");
        URI url = null;
        String text = p.get(prefix + "url", "");
        if (on) {
            try {
                url = new URI(text);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(prefix + "url is not a URL: " + e.getMessage());
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new ConfigException(prefix + "url must be an http or https URL with a host: " + text);
            }
            if (url.getUserInfo() != null) {
                throw new ConfigException(prefix + "url must not carry credentials; use " + prefix + secretKey);
            }
            if (secretRequired && secret.isBlank()) {
                throw new ConfigException(prefix + secretKey + " is required when " + prefix + "enabled=true (set "
                        + VigilProperties.envName(prefix + secretKey) + ")");
            }
        }
        return new HttpSink(name, on, url, secret.isBlank() ? null : secret);
    }

    private static int port(VigilProperties p, String key, int fallback) {
        int port = p.getInt(key, fallback);
        if (port < 1 || port > 65535) {
            throw new ConfigException(key + " must be 1..65535: " + port);
        }
        return port;
    }

    private static Path optionalPath(VigilProperties p, String key) {
        return p.get(key, "").isBlank() ? null : p.getPath(key, "");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
