package io.vigil.feeds.ecs;

import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.http.HttpFeed;
import io.vigil.feeds.http.HttpPayload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** ECS documents as one NDJSON request per batch ({@code application/x-ndjson}), e.g. for a Logstash or Elastic Agent HTTP input. */
public final class EcsHttpFeed implements HttpFeed {

    private final EcsMapper mapper;
    private final Map<String, String> headers;

    /** {@code authorization}: an optional {@code Authorization} header value (e.g. {@code ApiKey ...}). */
    public EcsHttpFeed(EcsMapper mapper, String authorization) {
        this.mapper = mapper;
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "application/x-ndjson");
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        this.headers = Map.copyOf(h);
    }

    @Override
    public List<HttpPayload> payloads(List<FeedRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        return List.of(new HttpPayload(EcsLines.ndjson(mapper, records), headers));
    }
}
