package io.vigil.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.support.LogSafe;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code vigil status}: asks a running receiver's management port for its readiness and prints the
 * checks as a table. Exit codes: {@link #READY}, {@link #NOT_READY}, {@link #UNREACHABLE}.
 */
public final class OpsStatus {

    public static final int READY = 0;
    public static final int NOT_READY = 1;
    public static final int UNREACHABLE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpsConfig config;
    private final Path truststore;
    private final char[] truststorePassword;

    /** @param truststore the CA that signed the management server's certificate (used with TLS only) */
    public OpsStatus(OpsConfig config, Path truststore, char[] truststorePassword) {
        this.config = config;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
    }

    public URI readinessUri() {
        String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
        if ("0.0.0.0".equals(host) || "[::]".equals(host)) {
            host = "127.0.0.1";
        }
        return URI.create((config.tls() ? "https" : "http") + "://" + host + ":" + config.port() + "/health/ready");
    }

    /** Prints the table to {@code out} (or why the receiver could not be asked to {@code err}); returns the exit code. */
    public int print(PrintStream out, PrintStream err) {
        URI uri = readinessUri();
        HttpResponse<String> response;
        try {
            HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
            if (config.tls()) {
                client.sslContext(sslContext());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.healthTimeout().plusSeconds(5));
            if (config.tokenRequired()) {
                request.header("Authorization", "Bearer " + config.token());
            }
            response = client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | java.security.GeneralSecurityException e) {
            err.println("vigil status: no answer from " + uri + " (is the receiver running? vigil.ops.*): " + e.getMessage());
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
        if (response.statusCode() != 200 && response.statusCode() != 503) {
            err.println("vigil status: " + uri + " answered " + response.statusCode());
            return UNREACHABLE;
        }
        JsonNode report;
        try {
            report = JSON.readTree(response.body());
        } catch (IOException e) {
            err.println("vigil status: " + uri + " answered something that is not a health report");
            return UNREACHABLE;
        }
        out.printf("%-12s %-6s %-8s %s%n", "CHECK", "STATUS", "CRITICAL", "DETAIL");
        for (JsonNode check : report.path("checks")) {
            out.printf("%-12s %-6s %-8s %s%n", text(check, "name"), text(check, "status"),
                    check.path("critical").asBoolean() ? "yes" : "no", text(check, "detail"));
        }
        boolean ready = response.statusCode() == 200;
        out.println(ready ? "ready" : "NOT READY");
        return ready ? READY : NOT_READY;
    }

    // the report is the receiver's, but a detail may quote a database or broker message: escaped as in logs
    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText();
        return value.matches("[A-Za-z0-9 ._:,()/'\"=-]*") ? value : LogSafe.quote(value);
    }

    private SSLContext sslContext() throws IOException, java.security.GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            trusted.load(in, truststorePassword);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
