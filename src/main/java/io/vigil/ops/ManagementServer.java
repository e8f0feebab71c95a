package io.vigil.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port (docs/operations.md): {@code GET /metrics} in Prometheus' text format,
 * {@code /health/live} and {@code /health/ready} as JSON with 200 or 503. The JDK's own HTTP server:
 * three read-only resources need no framework, and a separate server keeps scrapes off the operator
 * API's threads and out of its authentication and audit.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean tls;

    private ManagementServer(HttpServer server, ExecutorService executor, boolean tls) {
        this.server = server;
        this.executor = executor;
        this.tls = tls;
    }

    static ManagementServer start(OpsConfig config, PrometheusMeterRegistry registry, Supplier<HealthReport> live,
                                  Supplier<HealthReport> ready) throws Exception {
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        HttpServer server;
        if (config.tls()) {
            HttpsServer https = HttpsServer.create(address, 16);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(config)));
            server = https;
        } else {
            server = HttpServer.create(address, 16);
        }
        byte[] token = config.token().getBytes(StandardCharsets.UTF_8);
        server.createContext("/metrics", exchange -> answer(exchange, token, () ->
                new Body(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8))));
        server.createContext("/health/live", exchange -> answer(exchange, token, () -> health(live.get())));
        server.createContext("/health/ready", exchange -> answer(exchange, token, () -> health(ready.get())));
        server.createContext("/", exchange -> answer(exchange, token, () -> new Body(404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8))));
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "vigil-ops-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        ManagementServer management = new ManagementServer(server, executor, config.tls());
        LOG.info("metrics and health on {}/metrics, /health/live, /health/ready", management.baseUri());
        return management;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    private record Body(int status, String contentType, byte[] bytes) {}

    private interface BodySource {
        Body get() throws IOException;
    }

    private static Body health(HealthReport report) throws IOException {
        return new Body(report.ok() ? 200 : 503, "application/json", JSON.writeValueAsBytes(report.toJson()));
    }

    private static void answer(HttpExchange exchange, byte[] token, BodySource source) throws IOException {
        try (exchange; InputStream ignored = exchange.getRequestBody()) {
            Body body;
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                body = new Body(405, "text/plain", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            } else if (!authorized(exchange, token)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                body = new Body(401, "text/plain", "bearer token required\n".getBytes(StandardCharsets.UTF_8));
            } else {
                try {
                    body = source.get();
                } catch (RuntimeException e) {
                    LOG.warn("management request {} failed", exchange.getRequestURI().getPath(), e);
                    body = new Body(500, "text/plain", "internal error\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            exchange.getResponseHeaders().set("Content-Type", body.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(body.status(), head ? -1 : body.bytes().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body.bytes());
                }
            }
        }
    }

    private static boolean authorized(HttpExchange exchange, byte[] token) {
        if (token.length == 0) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8), token);
    }

    private static SSLContext sslContext(OpsConfig config) throws Exception {
        if (!Files.isReadable(config.keystore())) {
            throw new IllegalStateException("the management keystore " + config.keystore() + " is missing:"
                    + " run `vigil pki init` or set vigil.ops.keystore");
        }
        char[] password = config.keystorePassword().toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(config.keystore())) {
            keys.load(in, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
