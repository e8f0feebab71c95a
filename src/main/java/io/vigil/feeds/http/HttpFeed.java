package io.vigil.feeds.http;

import io.vigil.feeds.FeedRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What an HTTP sink sends for a batch of records: the request bodies in order, and per-attempt headers. */
public interface HttpFeed {

    /** The requests for these records, in order (one per batch or one per record); none for no records. */
    List<HttpPayload> payloads(List<FeedRecord> records);

    /** Headers made again at every attempt (a signature over a fresh timestamp); none by default. */
    default Map<String, String> attemptHeaders(HttpPayload payload, Instant now) {
        return Map.of();
    }
}
