package io.vigil.audit.route;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditLog;
import io.vigil.ingest.QuarantineRecord;
import io.vigil.ingest.SignalHeaders;
import io.vigil.kafka.BatchCommit;
import io.vigil.kafka.RecordHeaders;
import io.vigil.normalize.EventIds;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Records every received signal in the audit trail: each record of {@code signals.accepted} and of
 * {@code quarantine} in a batch becomes one audit row, and the batch's offsets are committed (by the
 * route's {@link BatchCommit}) only once those rows are durable. Idempotent under redelivery: an
 * accepted envelope is keyed by site and message id, a quarantine record by its Kafka position.
 */
public final class SignalAuditProcessor implements Processor {

    private final AuditLog audit;
    private final String acceptedTopic;

    public SignalAuditProcessor(AuditLog audit, String acceptedTopic) {
        this.audit = audit;
        this.acceptedTopic = acceptedTopic;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException, ExecutionException {
        List<?> batch = exchange.getIn().getBody(List.class);
        exchange.setProperty(BatchCommit.BATCH, batch);
        List<AuditEntry> entries = new ArrayList<>(batch.size());
        for (Object item : batch) {
            Message record = ((Exchange) item).getIn();
            entries.add(acceptedTopic.equals(record.getHeader(KafkaConstants.TOPIC))
                    ? accepted(record) : quarantined(record));
        }
        audit.appendAll(entries).get();
    }

    private static AuditEntry accepted(Message record) {
        String site = RecordHeaders.text(record, SignalHeaders.SITE);
        String mid = RecordHeaders.text(record, SignalHeaders.MESSAGE_ID);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("message_id", mid);
        details.put("device_id", RecordHeaders.text(record, SignalHeaders.DEVICE));
        details.put("seq", RecordHeaders.text(record, SignalHeaders.SEQ));
        details.put("key_id", RecordHeaders.text(record, SignalHeaders.KEY_ID));
        details.put("content_type", RecordHeaders.text(record, SignalHeaders.CONTENT_TYPE));
        details.put("issued_at", RecordHeaders.text(record, SignalHeaders.ISSUED_AT));
        details.put("received_at", RecordHeaders.text(record, SignalHeaders.RECEIVED_AT));
        details.put("envelope_sha256", sha256(record.getBody(byte[].class)));
        // event id of the signal's first canonical event: an auditor following an incident's event finds the signal
        return AuditEntry.signalAccepted(site, EventIds.eventId(site, mid, 0).toString())
                .dedupKey(site + "/" + mid).details(details);
    }

    private static AuditEntry quarantined(Message record) {
        QuarantineRecord rejected = QuarantineRecord.fromJson(record.getBody(byte[].class));
        String position = record.getHeader(KafkaConstants.TOPIC) + "/" + record.getHeader(KafkaConstants.PARTITION)
                + "/" + record.getHeader(KafkaConstants.OFFSET);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", rejected.stage());
        details.put("detail", rejected.detail());
        details.put("mqtt_topic", rejected.mqttTopic());
        details.put("message_id", rejected.messageId());
        details.put("received_at", String.valueOf(rejected.receivedAt()));
        details.put("payload_sha256", sha256(rejected.payload()));
        details.put("quarantine_record", position);
        String eventId = rejected.messageId() == null || rejected.mqttIdentity() == null ? null
                : EventIds.eventId(rejected.mqttIdentity(), rejected.messageId(), 0).toString();
        return AuditEntry.signalQuarantined(rejected.mqttIdentity(), eventId, rejected.reason())
                .dedupKey(position).details(details);
    }

    private static String sha256(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
