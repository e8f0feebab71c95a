package io.vigil.feeds.hec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.feeds.FeedRecord;
import java.math.BigDecimal;

/**
 * Splunk HTTP Event Collector events ({@code /services/collector/event} format): the record as on its
 * topic in {@code event}, with {@code time} (epoch seconds, millisecond decimals), {@code host},
 * {@code source}, {@code sourcetype} {@code vigil:incident} or {@code vigil:security}, and an optional index.
 */
public final class HecMapper {

    private final String host;
    private final String source;
    private final String index;

    public HecMapper(String host, String source, String index) {
        this.host = host;
        this.source = source;
        this.index = index == null || index.isBlank() ? null : index;
    }

    public ObjectNode event(FeedRecord record) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("time", BigDecimal.valueOf(record.time().toEpochMilli(), 3));
        out.put("host", host);
        out.put("source", source);
        out.put("sourcetype", "vigil:" + record.kind());
        if (index != null) {
            out.put("index", index);
        }
        out.set("event", record.json());
        return out;
    }
}
