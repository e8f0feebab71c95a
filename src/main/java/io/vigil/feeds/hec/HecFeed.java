package io.vigil.feeds.hec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.http.HttpFeed;
import io.vigil.feeds.http.HttpPayload;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/** A batch as one HEC request: the events one after another (HEC's batch format), {@code Authorization: Splunk <token>}. */
public final class HecFeed implements HttpFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HecMapper mapper;
    private final Map<String, String> headers;

    public HecFeed(HecMapper mapper, String token) {
        this.mapper = mapper;
        this.headers = Map.of("Authorization", "Splunk " + token, "Content-Type", "application/json");
    }

    @Override
    public List<HttpPayload> payloads(List<FeedRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 800);
        for (FeedRecord record : records) {
            try {
                out.writeBytes(JSON.writeValueAsBytes(mapper.event(record)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a HEC event", e);
            }
            out.write('\n');
        }
        return List.of(new HttpPayload(out.toByteArray(), headers));
    }

    @Override
    public String toString() {
        return "HecFeed[token hidden]";
    }
}
