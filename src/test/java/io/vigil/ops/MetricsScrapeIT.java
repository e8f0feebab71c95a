package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulate.SiteConnection;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestPrometheus;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management port of a running receiver, scraped by a real Prometheus and queried through its
 * HTTP API after signed and bad traffic went through the real broker, trust gate, Kafka and
 * PostgreSQL.
 */
class MetricsScrapeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static VigilTestApp app;
    private static DeviceSigner panel;
    private static String site;
    private static TestPrometheus prometheus;

    @BeforeAll
    static void start() throws Exception {
        site = "it-ops-" + UUID.randomUUID().toString().substring(0, 8);
        app = new VigilTestApp().forSites(site);
        panel = TestSites.enroll(app.database(), site, SignatureAlgorithm.EDDSA);
        app.start();
        URI metrics = app.application().ops().server().baseUri();
        prometheus = new TestPrometheus(dir, metrics.getHost() + ":" + metrics.getPort()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        app.close();
    }

    @Test
    void prometheusSeesTheVerdictsStageCountsAndLatenciesOfTrafficThatWentThrough() throws Exception {
        try (SiteConnection connection = SiteClient.connect(site)) {
            byte[] alarm = panel.sign(Encoding.JWS, "application/vnd.vigil.cid", "1234 18 1130 01 015".getBytes(StandardCharsets.US_ASCII));
            assertThat(connection.publishAndWait(panel.topic(), alarm)).isZero();
            assertThat(connection.publishAndWait(panel.topic(), "not an envelope".getBytes(StandardCharsets.US_ASCII))).isZero();
        }
        await("accepted", "vigil_trust_accepted_total", 1);
        await("quarantined as malformed", "vigil_trust_quarantined_total{reason=\"malformed\"}", 1);
        await("ingest out", "vigil_stage_messages_out_total{stage=\"ingest\"}", 2);
        await("receive to Kafka", "vigil_ingest_receive_to_kafka_seconds_count", 2);
        await("verification", "vigil_trust_verification_seconds_count", 2);
        await("burglary alarm events", "vigil_normalize_events_total{class=\"alarm\",category=\"burglary\"}", 1);
        await("incidents opened", "sum(vigil_incident_changes_total{change=\"opened\"})", 1);
        await("event to incident commit", "vigil_escalation_event_to_commit_seconds_count", 1);
        await("audit rows", "vigil_audit_appends_total{outcome=\"written\"}", 2);
        await("the verifying library", "vigil_crypto_provider{provider=\"" + io.vigil.trust.crypto.CryptoProviders.active().label() + "\"}", 1);
        await("JVM heap", "sum(jvm_memory_used_bytes{area=\"heap\"})", 1);
        await("the receiver's pool", "hikaricp_connections{pool=\"vigil\"}", 1);
        await("normalize lag read", "count(vigil_kafka_consumer_lag)", 3);

        // cardinality: no series carries the site id anywhere
        assertThat(prometheus.query("{__name__=~\"vigil_.+\"}").toString()).doesNotContain(site);
    }

    @Test
    void readinessAnswersUpWithEveryCheckWhileTheServicesRun() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = app.application().ops().server().baseUri().resolve("/health/ready");
        Awaitility.await("ready").atMost(WAIT).until(() ->
                http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        String body = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).contains("\"name\":\"mqtt\"", "\"name\":\"kafka\"", "\"name\":\"postgresql\"",
                "\"name\":\"audit\"", "\"name\":\"feeds\"", "\"name\":\"camel\"",
                "\"name\":\"crypto\"", io.vigil.trust.crypto.CryptoProviders.active().label()).doesNotContain("\"status\":\"DOWN\"");
    }

    private static void await(String what, String promql, double atLeast) {
        Awaitility.await(what + ": " + promql + " >= " + atLeast).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus.value(promql) >= atLeast);
    }
}
