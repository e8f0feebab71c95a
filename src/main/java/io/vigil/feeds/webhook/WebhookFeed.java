package io.vigil.feeds.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.http.HttpFeed;
import io.vigil.feeds.http.HttpPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One signed POST per record: the record as on its topic, {@code X-Vigil-Id} (the de-duplication key),
 * {@code X-Vigil-Kind}, and a signature made at each attempt so that a retry after a long outage still
 * falls inside the receiver's replay window.
 */
public final class WebhookFeed implements HttpFeed {

    public static final String ID_HEADER = "X-Vigil-Id";
    public static final String KIND_HEADER = "X-Vigil-Kind";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSigner signer;

    public WebhookFeed(WebhookSigner signer) {
        this.signer = signer;
    }

    @Override
    public List<HttpPayload> payloads(List<FeedRecord> records) {
        List<HttpPayload> payloads = new ArrayList<>(records.size());
        for (FeedRecord record : records) {
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(record.json());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a webhook body", e);
            }
            payloads.add(new HttpPayload(body, Map.of("Content-Type", "application/json",
                    ID_HEADER, headerSafe(record.id()), KIND_HEADER, record.kind())));
        }
        return payloads;
    }

    @Override
    public Map<String, String> attemptHeaders(HttpPayload payload, Instant now) {
        long timestamp = now.getEpochSecond();
        return Map.of(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp),
                WebhookSigner.SIGNATURE_HEADER, signer.signature(timestamp, payload.body()));
    }

    /** Ids are UUIDs; anything else is reduced to visible ASCII so it cannot break the header block. */
    private static String headerSafe(String id) {
        return id.replaceAll("[^\\x21-\\x7e]", "_");
    }
}
