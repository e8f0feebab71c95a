package io.vigil.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.feeds.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The HTTP sinks (ECS NDJSON, Splunk HEC, signed webhook) and the ECS file sink against a local HTTP
 * server: everything arrives, one sink's outage holds neither the others nor its own records (they
 * come once it is back, also after a restart of Vigil, from the sink's committed offset), and
 * secrets never reach the log.
 */
class HttpFeedsIT {

    private static final String HEC_TOKEN = "hec-token-" + UUID.randomUUID();
    private static final String WEBHOOK_SECRET = "webhook-secret-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path files;
    private RecordingHttpServer server;
    private FeedsTestApp app;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        server = new RecordingHttpServer();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (app != null) {
            app.close();
        }
        server.close();
    }

    @Test
    void aSinkThatIsDownHoldsNeitherTheOthersNorItsOwnRecords() throws Exception {
        app = new FeedsTestApp()
                // the feeds retry until the sink accepts, whatever the other routes are told
                .with("vigil.retry.max-redeliveries", "2")
                .with("vigil.feeds.ecs-http.enabled", "true").with("vigil.feeds.ecs-http.url", server.url("/ecs").toString())
                .with("vigil.feeds.hec.enabled", "true").with("vigil.feeds.hec.url", server.url("/hec").toString())
                .with("vigil.feeds.hec.token", HEC_TOKEN)
                .with("vigil.feeds.webhook.enabled", "true").with("vigil.feeds.webhook.url", server.url("/hook").toString())
                .with("vigil.feeds.webhook.secret", WEBHOOK_SECRET)
                .with("vigil.feeds.ecs-file.enabled", "true").with("vigil.feeds.ecs-file.directory", files.toString())
                .start();
        Set<String> all = new HashSet<>(publish(60));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                ecsIds().containsAll(all) && hecIds().containsAll(all) && webhookIds().containsAll(all) && fileIds().containsAll(all));

        server.down("/hook");
        List<String> duringOutage = publish(60);
        all.addAll(duringOutage);
        // the other sinks take everything while the webhook answers 503
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                ecsIds().containsAll(all) && hecIds().containsAll(all) && fileIds().containsAll(all));
        await().atMost(Duration.ofSeconds(30)).until(() -> server.refused("/hook") >= 3);
        assertThat(webhookIds()).doesNotContainAnyElementsOf(duringOutage);

        // Vigil restarts while the webhook is still down; the webhook's group resumes from its committed offset
        app.stop();
        List<String> whileStopped = publish(20);
        all.addAll(whileStopped);
        server.up("/hook");
        app.start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                webhookIds().containsAll(all) && ecsIds().containsAll(all) && hecIds().containsAll(all) && fileIds().containsAll(all));
        // at least once: repeats are allowed and carry the same id, nothing else arrives
        assertThat(new HashSet<>(webhookIds())).isEqualTo(all);
        assertThat(new HashSet<>(hecIds())).isEqualTo(all);
        assertThat(new HashSet<>(ecsIds())).isEqualTo(all);
        assertThat(new HashSet<>(fileIds())).isEqualTo(all);

        WebhookSigner verifier = new WebhookSigner(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8));
        for (RecordingHttpServer.Request request : server.accepted("/hook")) {
            assertThat(verifier.verify(request.headers().get("x-vigil-signature"), request.headers().get("x-vigil-timestamp"),
                    request.body(), Instant.now(), 300)).as("webhook signature").isTrue();
            assertThat(request.headers().get("x-vigil-id")).isEqualTo(JSON.readTree(request.body()).get(idField(request.body())).asText());
        }
        assertThat(server.accepted("/hec")).allSatisfy(r -> assertThat(r.headers().get("authorization")).isEqualTo("Splunk " + HEC_TOKEN));
        assertThat(server.accepted("/ecs")).allSatisfy(r -> assertThat(r.headers().get("content-type")).isEqualTo("application/x-ndjson"));
        assertThat(log.list).as("log lines").noneMatch(e -> e.getFormattedMessage().contains(HEC_TOKEN)
                || e.getFormattedMessage().contains(WEBHOOK_SECRET));
        assertThat(log.list).anyMatch(e -> e.getFormattedMessage().contains("answered HTTP 503"));
    }

    @Test
    void aMalformedRecordIsSkippedAndTheFeedGoesOn() throws Exception {
        app = new FeedsTestApp()
                .with("vigil.feeds.hec.enabled", "true").with("vigil.feeds.hec.url", server.url("/hec").toString())
                .with("vigil.feeds.hec.token", HEC_TOKEN)
                .start();
        app.publishIncident("site-1", FeedsTestApp.utf8("{\"not\": \"an incident\"}"));
        List<String> ids = publish(5);

        await().atMost(Duration.ofSeconds(60)).until(() -> hecIds().containsAll(ids));
        assertThat(hecIds()).hasSize(5);
        assertThat(log.list).anyMatch(e -> e.getFormattedMessage().contains("skipping") && e.getFormattedMessage().contains("missing change_id"));
    }

    private List<String> publish(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            if (i % 4 == 3) {
                app.publishSecurityEvent("site-" + i, FeedSamples.bytes(FeedSamples.securityEvent(id, "site-" + i)));
            } else {
                String site = i % 5 == 0 ? FeedSamples.HOSTILE : "site-" + i;
                app.publishIncident(site, FeedSamples.bytes(FeedSamples.incident(id, site, "opened", FeedSamples.HOSTILE)));
            }
            ids.add(id);
        }
        return ids;
    }

    private List<String> webhookIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (RecordingHttpServer.Request request : server.accepted("/hook")) {
            ids.add(JSON.readTree(request.body()).get(idField(request.body())).asText());
        }
        return ids;
    }

    private List<String> hecIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (RecordingHttpServer.Request request : server.accepted("/hec")) {
            for (JsonNode event : JSON.readerFor(JsonNode.class).<JsonNode>readValues(request.body()).readAll()) {
                JsonNode record = event.get("event");
                ids.add(record.has("change_id") ? record.get("change_id").asText() : record.get("event_id").asText());
            }
        }
        return ids;
    }

    private List<String> ecsIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (RecordingHttpServer.Request request : server.accepted("/ecs")) {
            ids.addAll(ndjsonIds(new String(request.body(), StandardCharsets.UTF_8)));
        }
        return ids;
    }

    private List<String> fileIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> list = Files.list(files)) {
            for (Path file : list.toList()) {
                ids.addAll(ndjsonIds(Files.readString(file)));
            }
        }
        return ids;
    }

    private static List<String> ndjsonIds(String text) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                ids.add(JSON.readTree(line).at("/event/id").asText());
            }
        }
        return ids;
    }

    private static String idField(byte[] body) throws Exception {
        return JSON.readTree(body).has("change_id") ? "change_id" : "event_id";
    }
}
