package io.vigil.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.feeds.http.FeedDeliveryException;
import io.vigil.feeds.http.HttpDelivery;
import io.vigil.feeds.route.HttpFeedProcessor;
import io.vigil.feeds.webhook.WebhookFeed;
import io.vigil.feeds.webhook.WebhookSigner;
import io.vigil.kafka.BatchCommit;
import io.vigil.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP sink step as the route's error handler drives it: run again after a failure, it resumes where it failed. */
class HttpFeedProcessorTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final RecordingHttpServer server = newServer();
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        server.close();
        camel.stop();
    }

    @Test
    void aRetriedBatchResumesAtTheFailedRequestAndSignsItAgain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
        HttpFeedProcessor step = new HttpFeedProcessor("webhook", new FeedInput("incidents", "events.security"),
                new WebhookFeed(new WebhookSigner(SECRET)),
                new HttpDelivery("webhook", server.url("/hook"), null, Duration.ofSeconds(5), Duration.ofSeconds(5)), clock);
        Exchange batch = batch("a", "b", "c");

        server.downAfter("/hook", 1);
        assertThatThrownBy(() -> step.process(batch)).isInstanceOf(FeedDeliveryException.class)
                .hasMessage("webhook: POST " + server.url("/hook") + " answered HTTP 503");
        assertThat(ids()).containsExactly("a");

        clock.advance(Duration.ofMinutes(30));
        server.up("/hook");
        step.process(batch);

        assertThat(ids()).containsExactly("a", "b", "c");
        assertThat(server.accepted("/hook").get(1).headers().get("x-vigil-timestamp"))
                .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(batch.getProperty(BatchCommit.BATCH, List.class)).hasSize(3);
    }

    private Exchange batch(String... changeIds) {
        List<Exchange> records = new ArrayList<>();
        for (int i = 0; i < changeIds.length; i++) {
            Exchange record = new DefaultExchange(camel);
            record.getIn().setHeader(KafkaConstants.TOPIC, "incidents");
            record.getIn().setHeader(KafkaConstants.PARTITION, 0);
            record.getIn().setHeader(KafkaConstants.OFFSET, (long) i);
            record.getIn().setBody(FeedSamples.bytes(FeedSamples.incident(changeIds[i], "site-1", "opened", null)));
            records.add(record);
        }
        Exchange batch = new DefaultExchange(camel);
        batch.getIn().setBody(records);
        return batch;
    }

    private List<String> ids() throws Exception {
        List<String> ids = new ArrayList<>();
        for (RecordingHttpServer.Request request : server.accepted("/hook")) {
            ids.add(new ObjectMapper().readTree(request.body()).get("change_id").asText());
        }
        return ids;
    }

    private static RecordingHttpServer newServer() {
        try {
            return new RecordingHttpServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
