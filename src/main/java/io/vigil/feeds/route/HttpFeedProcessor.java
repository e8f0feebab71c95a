package io.vigil.feeds.route;

import io.vigil.feeds.FeedInput;
import io.vigil.feeds.http.HttpDelivery;
import io.vigil.feeds.http.HttpFeed;
import io.vigil.feeds.http.HttpPayload;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sends a Kafka batch to an HTTP sink, request after request, in order. A failed request throws, the
 * route's error handler runs this step again after a back-off, and it resumes at the request that
 * failed (the payloads and the position are kept on the exchange), so requests that were accepted are
 * not sent again within one batch. Per-attempt headers (webhook signature) are made at each attempt.
 */
public final class HttpFeedProcessor implements Processor {

    static final String PAYLOADS = "VigilFeedPayloads";
    static final String NEXT = "VigilFeedNext";

    private final String sink;
    private final FeedInput input;
    private final HttpFeed feed;
    private final HttpDelivery delivery;
    private final Clock clock;

    public HttpFeedProcessor(String sink, FeedInput input, HttpFeed feed, HttpDelivery delivery, Clock clock) {
        this.sink = sink;
        this.input = input;
        this.feed = feed;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<HttpPayload> payloads = exchange.getProperty(PAYLOADS, List.class);
        if (payloads == null) {
            payloads = feed.payloads(FeedBatch.read(exchange, sink, input));
            exchange.setProperty(PAYLOADS, payloads);
        }
        int next = exchange.getProperty(NEXT, 0, Integer.class);
        for (int i = next; i < payloads.size(); i++) {
            HttpPayload payload = payloads.get(i);
            Map<String, String> headers = new HashMap<>(payload.headers());
            headers.putAll(feed.attemptHeaders(payload, clock.instant()));
            delivery.post(headers, payload.body());
            exchange.setProperty(NEXT, i + 1);
        }
    }
}
