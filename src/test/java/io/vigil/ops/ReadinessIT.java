package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.testing.TcpProxy;
import io.vigil.testing.VigilTestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows PostgreSQL: a receiver whose database connections go through a TCP proxy the
 * test cuts (the shared PostgreSQL other tests use keeps running) turns not ready, and ready again
 * once the proxy is restored; liveness stays up all along.
 */
class ReadinessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static VigilTestApp app;
    private static TcpProxy proxy;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = new VigilTestApp().forSites("it-ready-" + UUID.randomUUID().toString().substring(0, 8))
                .with("vigil.ops.refresh-interval", "1s").with("vigil.api.enabled", "false");
        URI database = URI.create(app.database().url().substring("jdbc:".length()));
        proxy = new TcpProxy(database.getHost(), database.getPort());
        app.with("vigil.db.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath()).start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.restore();
        }
        app.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void readinessGoesDownWhenPostgresqlIsUnreachableAndUpWhenItReturns() throws Exception {
        Awaitility.await("ready").atMost(WAIT).until(() -> status("/health/ready") == 200);

        proxy.cut();
        Awaitility.await("not ready without PostgreSQL").atMost(WAIT).until(() -> status("/health/ready") == 503);
        JsonNode report = JSON.readTree(body("/health/ready"));
        assertThat(report.path("status").asText()).isEqualTo("DOWN");
        assertThat(check(report, "postgresql").path("status").asText()).isEqualTo("DOWN");
        assertThat(status("/health/live")).isEqualTo(200);

        proxy.restore();
        Awaitility.await("ready again").atMost(WAIT).until(() -> status("/health/ready") == 200);
        assertThat(check(JSON.readTree(body("/health/ready")), "postgresql").path("status").asText()).isEqualTo("UP");
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private static int status(String path) throws Exception {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(String path) throws Exception {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(app.application().ops().server().baseUri().resolve(path)).timeout(Duration.ofSeconds(10)).build();
    }
}
