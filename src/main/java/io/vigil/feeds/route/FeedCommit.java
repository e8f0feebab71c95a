package io.vigil.feeds.route;

import io.vigil.kafka.BatchCommit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BatchCommit} for the feeds, where a failed commit is logged and not retried. The batch has
 * already been delivered; a commit fails when the consumer lost its partitions (a sink outage longer
 * than {@code max.poll.interval.ms} makes the group rebalance) or Kafka is away. Retrying would hold the
 * consumer, which must poll to re-join; skipping it loses nothing: the next commit covers these
 * offsets, or the records are delivered once more from the last committed offset.
 */
public final class FeedCommit implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FeedCommit.class);
    private final BatchCommit commit = new BatchCommit();

    @Override
    public void process(Exchange exchange) {
        try {
            commit.process(exchange);
        } catch (RuntimeException e) {
            LOG.warn("feed route {}: offsets not committed ({}: {}); the batch may be delivered again",
                    exchange.getFromRouteId(), e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
