package io.vigil.feeds.route;

import io.vigil.feeds.FeedInput;
import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.cef.CefFormatter;
import io.vigil.feeds.syslog.Rfc5424Formatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A Kafka batch becomes the list of its RFC 5424 messages carrying CEF, in order; the route splits it
 * and hands each message to the netty producer (TLS with RFC 5425 octet counting, or UDP).
 */
public final class SyslogFeedProcessor implements Processor {

    private final String sink;
    private final FeedInput input;
    private final CefFormatter cef;
    private final Rfc5424Formatter syslog;

    public SyslogFeedProcessor(String sink, FeedInput input, CefFormatter cef, Rfc5424Formatter syslog) {
        this.sink = sink;
        this.input = input;
        this.cef = cef;
        this.syslog = syslog;
    }

    @Override
    public void process(Exchange exchange) {
        List<FeedRecord> records = FeedBatch.read(exchange, sink, input);
        List<byte[]> messages = new ArrayList<>(records.size());
        for (FeedRecord record : records) {
            messages.add(syslog.format(record, cef.format(record)));
        }
        exchange.getIn().setBody(messages);
    }
}
