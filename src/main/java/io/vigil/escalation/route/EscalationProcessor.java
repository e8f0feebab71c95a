package io.vigil.escalation.route;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vigil.escalation.EscalationIntake;
import io.vigil.kafka.BatchCommit;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.EventJson;
import io.vigil.support.LogFields;
import io.vigil.support.LogSafe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel adapter of the escalation route: reads a Kafka batch of canonical events, hands it to
 * {@link EscalationIntake}, and keeps the batch for {@link BatchCommit}, which commits the offsets
 * only after this step returned (the incident transaction committed). A record that is not a
 * canonical event cannot become one by retrying: it is logged and skipped.
 */
public final class EscalationProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationProcessor.class);
    private static final ObjectReader READER = EventJson.MAPPER.readerFor(CanonicalEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final EscalationIntake intake;
    private final LongConsumer committedPublishTime;

    /** @param committedPublishTime told each record's Kafka timestamp after its batch committed (latency measurement) */
    public EscalationProcessor(EscalationIntake intake, LongConsumer committedPublishTime) {
        this.intake = intake;
        this.committedPublishTime = committedPublishTime;
    }

    @Override
    public void process(Exchange exchange) {
        List<?> batch = exchange.getIn().getBody(List.class);
        exchange.setProperty(BatchCommit.BATCH, batch);
        List<CanonicalEvent> events = new ArrayList<>(batch.size());
        for (Object item : batch) {
            Message record = ((Exchange) item).getIn();
            try {
                CanonicalEvent event = READER.readValue(record.getBody(byte[].class));
                if (event.siteId() == null || event.receivedAt() == null) {
                    throw new IOException("site_id and received_at are required");
                }
                events.add(event);
            } catch (IOException | RuntimeException e) {
                try (LogFields fields = LogFields.stage("escalation").site(record.getHeader(KafkaConstants.KEY, String.class))
                        .reason("not_canonical")) {
                    LOG.warn("skipping a record that is not a canonical event: topic {} partition {} offset {} key {}: {}",
                            LogSafe.quote(String.valueOf(record.getHeader(KafkaConstants.TOPIC))),
                            record.getHeader(KafkaConstants.PARTITION), record.getHeader(KafkaConstants.OFFSET),
                            LogSafe.quote(record.getHeader(KafkaConstants.KEY, String.class)), LogSafe.quote(e.getMessage()));
                }
            }
        }
        intake.accept(events);
        if (committedPublishTime != null) {
            for (Object item : batch) {
                Long timestamp = ((Exchange) item).getIn().getHeader(KafkaConstants.TIMESTAMP, Long.class);
                if (timestamp != null) {
                    committedPublishTime.accept(timestamp);
                }
            }
        }
    }
}
