package io.vigil.normalize.route;

import io.vigil.ingest.QuarantineRecord;
import io.vigil.ingest.SignalHeaders;
import io.vigil.kafka.BatchCommit;
import io.vigil.kafka.RecordHeaders;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.CloudEventHeaders;
import io.vigil.normalize.Decoded;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.EventTopics;
import io.vigil.normalize.NormalizeResult;
import io.vigil.normalize.Normalizer;
import io.vigil.normalize.RoutedEvent;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.Undecodable;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * Turns a batch of {@code signals.accepted} records into the Kafka records of their canonical
 * events (each with its topic, the site as key and CloudEvents headers) and, for a body that cannot
 * be decoded, a quarantine record with the reason. The route's Kafka producer then sends the whole
 * list and {@link BatchCommit} commits the input offsets.
 */
public final class NormalizeProcessor implements Processor {

    private final Normalizer normalizer;
    private final EventTopics topics;
    private final String quarantineTopic;

    public NormalizeProcessor(Normalizer normalizer, EventTopics topics, String quarantineTopic) {
        this.normalizer = normalizer;
        this.topics = topics;
        this.quarantineTopic = quarantineTopic;
    }

    @Override
    public void process(Exchange exchange) {
        List<?> batch = exchange.getIn().getBody(List.class);
        exchange.setProperty(BatchCommit.BATCH, batch);
        List<Message> records = new ArrayList<>();
        for (Object item : batch) {
            normalize(((Exchange) item).getIn(), exchange, records);
        }
        exchange.getIn().setBody(records);
    }

    private void normalize(Message accepted, Exchange exchange, List<Message> out) {
        String site = accepted.getHeader(KafkaConstants.KEY, String.class);
        String mid = null;
        Instant receivedAt = Instant.now();
        byte[] envelope = accepted.getBody(byte[].class);
        NormalizeResult result;
        try {
            site = header(accepted, SignalHeaders.SITE);
            mid = header(accepted, SignalHeaders.MESSAGE_ID);
            receivedAt = Instant.parse(header(accepted, SignalHeaders.RECEIVED_AT));
            byte[] body = "raw".equals(RecordHeaders.text(accepted, SignalHeaders.ENCODING))
                    ? envelope // a dc09-aes, owntracks-secret or transport-only signal, stored clear
                    : EnvelopeParser.parse(envelope).claims().body();
            SignalContext context = new SignalContext(site, header(accepted, SignalHeaders.DEVICE), mid,
                    header(accepted, SignalHeaders.KEY_ID), Instant.parse(header(accepted, SignalHeaders.ISSUED_AT)),
                    receivedAt);
            result = normalizer.normalize(context, header(accepted, SignalHeaders.CONTENT_TYPE), body);
        } catch (MalformedEnvelopeException | RuntimeException e) {
            // the trust stage wrote this record from a verified envelope: only a corrupted or foreign record gets here
            result = new Undecodable("record.unreadable", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (result instanceof Decoded decoded) {
            for (CanonicalEvent event : decoded.events()) {
                for (RoutedEvent routed : topics.route(event)) {
                    out.add(eventRecord(exchange, site, routed));
                }
            }
        } else {
            Undecodable undecodable = (Undecodable) result;
            QuarantineRecord record = new QuarantineRecord(QuarantineRecord.SPEC_VERSION, "normalize",
                    undecodable.reasonCode(), undecodable.detail(), null, site, false, receivedAt, mid, envelope);
            Message message = new DefaultMessage(exchange.getContext());
            message.setBody(record.toJson());
            message.setHeader(KafkaConstants.OVERRIDE_TOPIC, quarantineTopic);
            message.setHeader(KafkaConstants.KEY, site);
            message.setHeader(SignalHeaders.STAGE, "normalize");
            message.setHeader(SignalHeaders.REASON, undecodable.reasonCode());
            message.setHeader(SignalHeaders.MESSAGE_ID, mid);
            out.add(message);
        }
    }

    private static Message eventRecord(Exchange exchange, String site, RoutedEvent routed) {
        Message message = new DefaultMessage(exchange.getContext());
        message.setBody(EventJson.write(routed.event()).getBytes(StandardCharsets.UTF_8));
        message.setHeader(KafkaConstants.OVERRIDE_TOPIC, routed.topic());
        message.setHeader(KafkaConstants.KEY, site);
        CloudEventHeaders.of(routed.event()).forEach(message::setHeader);
        return message;
    }

    private static String header(Message message, String name) {
        String value = RecordHeaders.text(message, name);
        if (value == null) {
            throw new IllegalArgumentException("no header " + name);
        }
        return value;
    }
}
