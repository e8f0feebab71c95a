package io.vigil.feeds.route;

import io.vigil.feeds.FeedInput;
import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.MalformedFeedRecordException;
import io.vigil.kafka.BatchCommit;
import io.vigil.support.LogSafe;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the records of a Kafka batch exchange and keeps the batch for {@link BatchCommit}. A record
 * that is not a valid incident change or security event is logged (topic, partition, offset, reason)
 * and skipped: the topics are written by Vigil, so such a record is a bug that retrying cannot fix,
 * and it must not stop the feed.
 */
final class FeedBatch {

    private static final Logger LOG = LoggerFactory.getLogger(FeedBatch.class);

    private FeedBatch() {}

    static List<FeedRecord> read(Exchange exchange, String sink, FeedInput input) {
        List<?> batch = exchange.getIn().getBody(List.class);
        exchange.setProperty(BatchCommit.BATCH, batch);
        List<FeedRecord> records = new ArrayList<>(batch.size());
        for (Object item : batch) {
            Message record = ((Exchange) item).getIn();
            String topic = record.getHeader(KafkaConstants.TOPIC, String.class);
            try {
                records.add(input.read(topic, record.getBody(byte[].class)));
            } catch (MalformedFeedRecordException e) {
                LOG.warn("feed {}: skipping {}-{}@{}: {}", sink, topic, record.getHeader(KafkaConstants.PARTITION),
                        record.getHeader(KafkaConstants.OFFSET), LogSafe.quote(e.getMessage()));
            }
        }
        return records;
    }
}
