package io.vigil.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.feeds.webhook.WebhookSigner;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.Claims;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The feeds inside the whole receiver: a site that keeps sending stale envelopes raises a
 * {@code reject_burst} security event in the ingest route, and the webhook and HEC sinks deliver it.
 */
class FeedsPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "pipeline-secret-" + UUID.randomUUID();

    @Test
    void aRejectBurstFromTheIngestRouteReachesTheSiem() throws Exception {
        String site = "it-feeds-" + UUID.randomUUID().toString().substring(0, 8);
        try (RecordingHttpServer server = new RecordingHttpServer();
             VigilTestApp app = new VigilTestApp().with("vigil.trust.reject-burst.threshold", "3").forSites(site)
                     .with("vigil.feeds.webhook.enabled", "true").with("vigil.feeds.webhook.url", server.url("/hook").toString())
                     .with("vigil.feeds.webhook.secret", SECRET)
                     .with("vigil.feeds.hec.enabled", "true").with("vigil.feeds.hec.url", server.url("/hec").toString())
                     .with("vigil.feeds.hec.token", "pipeline-token")) {
            DeviceSigner device = TestSites.enroll(app.database(), site, SignatureAlgorithm.EDDSA);
            app.start();
            try (SiteConnection connection = SiteClient.connect(site)) {
                connection.publishAndWait(device.topic(), device.sign(Encoding.JWS, "application/vnd.vigil.heartbeat",
                        new byte[0]));
                for (int i = 0; i < 3; i++) {
                    // old, and a sequence number far below the device's last: nothing proves it new
                    Claims stale = Claims.of(site, device.device(), 1 + i, Instant.now().minusSeconds(600),
                            "stale-" + i, "application/vnd.vigil.cid", "1234 18 1130 01 015".getBytes(StandardCharsets.UTF_8));
                    assertThat(connection.publishAndWait(device.topic(), device.sign(Encoding.JWS, stale))).isZero();
                }
            }

            List<RecordingHttpServer.Request> hooks = await().atMost(Duration.ofSeconds(60))
                    .until(() -> server.accepted("/hook"), r -> !r.isEmpty());
            RecordingHttpServer.Request hook = hooks.get(0);
            JsonNode event = JSON.readTree(hook.body());
            assertThat(event.path("code").asText()).isEqualTo("reject_burst");
            assertThat(event.path("source_format").asText()).isEqualTo("receiver");
            assertThat(event.path("site_id").asText()).isEqualTo(site);
            assertThat(hook.headers().get("x-vigil-kind")).isEqualTo("security");
            assertThat(hook.headers().get("x-vigil-id")).isEqualTo(event.path("event_id").asText());
            assertThat(new WebhookSigner(SECRET.getBytes(StandardCharsets.UTF_8)).verify(hook.headers().get("x-vigil-signature"),
                    hook.headers().get("x-vigil-timestamp"), hook.body(), Instant.now(), 300)).isTrue();

            List<RecordingHttpServer.Request> hec = await().atMost(Duration.ofSeconds(60))
                    .until(() -> server.accepted("/hec"), r -> !r.isEmpty());
            JsonNode hecEvent = JSON.readTree(hec.get(0).body());
            assertThat(hecEvent.path("sourcetype").asText()).isEqualTo("vigil:security");
            assertThat(hecEvent.at("/event/event_id").asText()).isEqualTo(event.path("event_id").asText());
        }
    }
}
