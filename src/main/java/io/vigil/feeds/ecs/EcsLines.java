package io.vigil.feeds.ecs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.feeds.FeedRecord;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** ECS documents as newline-delimited JSON: one compact document per line (JSON escapes every control character). */
public final class EcsLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EcsLines() {}

    public static byte[] ndjson(EcsMapper mapper, List<FeedRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 800);
        for (FeedRecord record : records) {
            try {
                out.writeBytes(JSON.writeValueAsBytes(mapper.document(record)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an ECS document", e);
            }
            out.write('\n');
        }
        return out.toByteArray();
    }
}
