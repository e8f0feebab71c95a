package io.vigil.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.feeds.ecs.EcsHttpFeed;
import io.vigil.feeds.ecs.EcsMapper;
import io.vigil.feeds.hec.HecFeed;
import io.vigil.feeds.hec.HecMapper;
import io.vigil.feeds.http.HttpPayload;
import io.vigil.feeds.webhook.WebhookFeed;
import io.vigil.feeds.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ECS documents, HEC events and webhook requests. */
class JsonFeedsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EcsMapper ecs = new EcsMapper("1.2.3", "vigil-1");

    @Test
    void anIncidentChangeIsAnEcsAlert() {
        JsonNode doc = ecs.document(FeedSamples.readIncident(FeedSamples.incident("c-1", "site-0001", "opened", "note")));

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2026-11-25T06:32:20.114Z");
        assertThat(doc.at("/ecs/version").asText()).isEqualTo(EcsMapper.ECS_VERSION);
        assertThat(doc.at("/event/kind").asText()).isEqualTo("alert");
        assertThat(doc.at("/event/category/0").asText()).isEqualTo("intrusion_detection");
        assertThat(doc.at("/event/type/0").asText()).isEqualTo("start");
        assertThat(doc.at("/event/outcome").asText()).isEqualTo("unknown");
        assertThat(doc.at("/event/severity").asInt()).isEqualTo(10);
        assertThat(doc.at("/event/id").asText()).isEqualTo("c-1");
        assertThat(doc.at("/event/action").asText()).isEqualTo("opened");
        assertThat(doc.at("/rule/name").asText()).isEqualTo("burglary");
        assertThat(doc.at("/rule/id").asText()).isEqualTo("incident:burglary:opened");
        assertThat(doc.at("/observer/vendor").asText()).isEqualTo("Vigil");
        assertThat(doc.at("/observer/product").asText()).isEqualTo("Vigil");
        assertThat(doc.at("/user/name").asText()).isEqualTo("op-7");
        assertThat(doc.at("/labels/site_id").asText()).isEqualTo("site-0001");
        assertThat(doc.at("/vigil/incident_id").asText()).isEqualTo("7d3c1f7e-4a57-4a60-9d0e-2f1b8d1c5e01");
        assertThat(doc.at("/vigil/zones/1").asText()).isEqualTo("016");
        assertThat(doc.at("/vigil/state").asText()).isEqualTo("acknowledged");
        assertThat(doc.at("/vigil/note").asText()).isEqualTo("note");
        assertThat(doc.has("some_future_field")).isFalse();
    }

    @Test
    void aSecurityEventIsAnAuthenticationFailure() {
        JsonNode doc = ecs.document(FeedSamples.readSecurityEvent(FeedSamples.securityEvent("e-1", "site-0002")));

        assertThat(doc.at("/event/category/0").asText()).isEqualTo("authentication");
        assertThat(doc.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(doc.at("/event/code").asText()).isEqualTo("421");
        assertThat(doc.at("/event/severity").asInt()).isEqualTo(6);
        assertThat(doc.at("/message").asText()).isEqualTo("Access denied");
        assertThat(doc.at("/user/id").asText()).isEqualTo("12");
        assertThat(doc.at("/vigil/device_id").asText()).isEqualTo("panel-1");
    }

    @Test
    void ecsLinesAreOneDocumentPerLineWhateverTheText() throws Exception {
        List<FeedRecord> records = List.of(
                FeedSamples.readIncident(FeedSamples.incident(FeedSamples.HOSTILE, FeedSamples.HOSTILE)),
                FeedSamples.readSecurityEvent(FeedSamples.securityEvent("e-2", "site-0002")));
        HttpPayload payload = new EcsHttpFeed(ecs, null).payloads(records).get(0);
        String[] lines = new String(payload.body(), StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines[0]).at("/vigil/note").asText()).isEqualTo(FeedSamples.HOSTILE);
        assertThat(payload.headers()).containsEntry("Content-Type", "application/x-ndjson").doesNotContainKey("Authorization");
        assertThat(new EcsHttpFeed(ecs, "ApiKey abc").payloads(records).get(0).headers()).containsEntry("Authorization", "ApiKey abc");
        assertThat(new EcsHttpFeed(ecs, null).payloads(List.of())).isEmpty();
    }

    @Test
    void hecEventsCarryTheRecordWithSplunkMetadata() throws Exception {
        HecFeed feed = new HecFeed(new HecMapper("vigil-1", "vigil", "soc"), "t0ken");
        List<FeedRecord> records = List.of(
                FeedSamples.readIncident(FeedSamples.incident("c-1", "site-0001", "opened", null)),
                FeedSamples.readSecurityEvent(FeedSamples.securityEvent("e-1", "site-0002")));
        HttpPayload payload = feed.payloads(records).get(0);
        var events = JSON.readerFor(JsonNode.class).readValues(payload.body()).readAll();

        assertThat(payload.headers()).containsEntry("Authorization", "Splunk t0ken");
        assertThat(events).hasSize(2);
        JsonNode first = (JsonNode) events.get(0);
        assertThat(first.get("time").decimalValue()).isEqualByComparingTo("1795588340.114");
        assertThat(first.get("sourcetype").asText()).isEqualTo("vigil:incident");
        assertThat(first.get("host").asText()).isEqualTo("vigil-1");
        assertThat(first.get("index").asText()).isEqualTo("soc");
        assertThat(first.at("/event/change_id").asText()).isEqualTo("c-1");
        assertThat(((JsonNode) events.get(1)).get("sourcetype").asText()).isEqualTo("vigil:security");
        assertThat(feed.toString()).doesNotContain("t0ken");
    }

    @Test
    void webhookSignatureIsHmacSha256OverTimestampDotBody() {
        WebhookSigner signer = new WebhookSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        byte[] body = "{\"change_id\":\"c1\"}".getBytes(StandardCharsets.UTF_8);

        // openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef over '1700000000.{"change_id":"c1"}'
        assertThat(signer.signature(1_700_000_000L, body))
                .isEqualTo("sha256=7af8d77a2e4c6cec6ac85c28b56e773abc91142d66bf04d1cabf6b05508041de");
        Instant now = Instant.ofEpochSecond(1_700_000_100L);
        assertThat(signer.verify(signer.signature(1_700_000_000L, body), "1700000000", body, now, 300)).isTrue();
        assertThat(signer.verify(signer.signature(1_700_000_000L, body), "1700000000", body, now.plusSeconds(300), 300)).isFalse();
        assertThat(signer.verify(signer.signature(1_700_000_000L, body), "1700000001", body, now, 300)).isFalse();
        assertThat(signer.toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void webhookRequestsAreOnePerRecordAndSignedAtEachAttempt() throws Exception {
        WebhookSigner signer = new WebhookSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        WebhookFeed feed = new WebhookFeed(signer);
        List<HttpPayload> payloads = feed.payloads(List.of(
                FeedSamples.readIncident(FeedSamples.incident("c-1", "site-0001", "opened", null)),
                FeedSamples.readSecurityEvent(FeedSamples.securityEvent("e-1", "site-0002"))));

        assertThat(payloads).hasSize(2);
        assertThat(payloads.get(0).headers()).containsEntry(WebhookFeed.ID_HEADER, "c-1").containsEntry(WebhookFeed.KIND_HEADER, "incident");
        assertThat(JSON.readTree(payloads.get(0).body()).get("change_id").asText()).isEqualTo("c-1");
        var first = feed.attemptHeaders(payloads.get(0), Instant.ofEpochSecond(1_700_000_000L));
        var later = feed.attemptHeaders(payloads.get(0), Instant.ofEpochSecond(1_700_003_600L));
        assertThat(first.get(WebhookSigner.TIMESTAMP_HEADER)).isEqualTo("1700000000");
        assertThat(later.get(WebhookSigner.TIMESTAMP_HEADER)).isEqualTo("1700003600");
        assertThat(signer.verify(later.get(WebhookSigner.SIGNATURE_HEADER), "1700003600", payloads.get(0).body(),
                Instant.ofEpochSecond(1_700_003_601L), 300)).isTrue();
    }
}
