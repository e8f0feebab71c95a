package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<HealthReport> ready = new AtomicReference<>(report(Health.up("fine"), Health.up("fine")));
    private final HttpClient http = HttpClient.newHttpClient();
    private ManagementServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metricsAreServedInPrometheusTextFormatWithTotalAndSecondsSuffixes() throws Exception {
        start("");
        Counter.builder("vigil.stage.messages.in").tag("stage", "ingest").register(registry).increment(3);
        Buckets.latency("vigil.ingest.receive.to.kafka", "test").register(registry).record(Duration.ofMillis(7));

        HttpResponse<String> response = get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body()).contains("vigil_stage_messages_in_total{stage=\"ingest\"} 3.0",
                "vigil_ingest_receive_to_kafka_seconds_bucket{le=\"0.01\"} 1", "vigil_ingest_receive_to_kafka_seconds_count 1");
    }

    @Test
    void aCriticalCheckThatIsDownMakesReadiness503AndAReportedOneDoesNot() throws Exception {
        start("");
        ready.set(report(Health.up("fine"), Health.down("retrying: feed-hec")));
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);

        ready.set(report(Health.down("connection refused"), Health.up("fine")));
        HttpResponse<String> response = get("/health/ready", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"status\":\"DOWN\"", "\"name\":\"postgresql\"", "connection refused");
    }

    @Test
    void withATokenEveryResourceNeedsIt() throws Exception {
        start("s3cret-token-for-tests");
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/health/ready", "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "s3cret-token-for-tests").statusCode()).isEqualTo(200);
        assertThat(get("/health/live", "s3cret-token-for-tests").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        start("");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void vigilStatusPrintsTheChecksAndExitsNonZeroWhenNotReady() throws Exception {
        start("");
        OpsStatus status = new OpsStatus(config(server.port(), ""), Path.of("unused"), new char[0]);

        Printed ok = new Printed();
        assertThat(status.print(ok.out, ok.err)).isEqualTo(OpsStatus.READY);
        assertThat(ok.out()).contains("postgresql   UP     yes", "feeds        UP     no").endsWith("ready\n");

        ready.set(report(Health.down("no answer within 2000 ms"), Health.up("fine")));
        Printed down = new Printed();
        assertThat(status.print(down.out, down.err)).isEqualTo(OpsStatus.NOT_READY);
        assertThat(down.out()).contains("postgresql   DOWN   yes      no answer within 2000 ms", "NOT READY");
    }

    @Test
    void vigilStatusSaysWhenNoReceiverAnswers() throws Exception {
        start("");
        int port = server.port();
        server.close();
        server = null;
        Printed printed = new Printed();
        assertThat(new OpsStatus(config(port, ""), Path.of("unused"), new char[0]).print(printed.out, printed.err))
                .isEqualTo(OpsStatus.UNREACHABLE);
        assertThat(printed.err()).contains("no answer from http://127.0.0.1:" + port + "/health/ready");
    }

    @Test
    void plainHttpIsRefusedOffLoopback() {
        assertThatThrownBy(() -> new OpsConfig(true, "0.0.0.0", 9464, false, Path.of("k.p12"), "p", "", Duration.ofSeconds(10),
                Duration.ofSeconds(2))).hasMessageContaining("vigil.ops.tls=false is only allowed on a loopback address");
    }

    private void start(String token) throws Exception {
        server = ManagementServer.start(config(0, token), registry, () -> report(Health.up("live"), Health.up("live")), ready::get);
    }

    private static OpsConfig config(int port, String token) {
        return new OpsConfig(true, "127.0.0.1", port, false, Path.of("unused.p12"), "unused", token, Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    private static HealthReport report(Health database, Health feeds) {
        return new HealthReport(List.of(new HealthReport.Result("postgresql", true, database),
                new HealthReport.Result("feeds", false, feeds)));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final class Printed {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
