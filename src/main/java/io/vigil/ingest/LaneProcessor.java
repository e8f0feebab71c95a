package io.vigil.ingest;

import io.vigil.ingest.mqtt.ReliableMqttConsumer;
import io.vigil.trust.TopicSites;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Runs a processor on the lane of the message's site and continues the route on that lane: work
 * spreads over the cores, a site's messages stay in order all the way into Kafka, and the MQTT
 * callback thread is free to take the next message.
 */
public final class LaneProcessor extends AsyncProcessorSupport implements AsyncProcessor {

    private final OrderedLanes lanes;
    private final Processor delegate;

    public LaneProcessor(OrderedLanes lanes, Processor delegate) {
        this.lanes = lanes;
        this.delegate = delegate;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String site = TopicSites.siteOf(exchange.getProperty(ReliableMqttConsumer.TOPIC, String.class));
        try {
            lanes.submit(site, () -> {
                try {
                    delegate.process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                callback.done(false);
            });
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
    }
}
