package io.vigil.feeds.route;

import io.vigil.feeds.FeedInput;
import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.ecs.EcsLines;
import io.vigil.feeds.ecs.EcsMapper;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A Kafka batch becomes its ECS documents as NDJSON for the file producer to append; no body when nothing is left to write. */
public final class EcsFileProcessor implements Processor {

    private final FeedInput input;
    private final EcsMapper mapper;

    public EcsFileProcessor(FeedInput input, EcsMapper mapper) {
        this.input = input;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) {
        List<FeedRecord> records = FeedBatch.read(exchange, "ecs-file", input);
        exchange.getIn().setBody(records.isEmpty() ? null : EcsLines.ndjson(mapper, records));
    }
}
