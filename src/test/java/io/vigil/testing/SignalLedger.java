package io.vigil.testing;

import io.vigil.ingest.QuarantineRecord;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which message ids of a test reached the accepted topic or the quarantine topic: the accounting
 * of "nothing lost". Duplicates (at least once) count once.
 */
public final class SignalLedger {

    private final String acceptedTopic;
    private final Set<String> accepted = new HashSet<>();
    private final Set<String> quarantined = new HashSet<>();
    private int seenRecords;

    public SignalLedger(String acceptedTopic) {
        this.acceptedTopic = acceptedTopic;
    }

    /** Accounts for the records not seen yet (the reader's list only grows). */
    public SignalLedger update(List<ConsumerRecord<String, byte[]>> records) {
        for (int i = seenRecords; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            if (record.topic().equals(acceptedTopic)) {
                String mid = KafkaTopicReader.header(record, "vigil_mid");
                if (mid != null) {
                    accepted.add(mid);
                }
            } else {
                String mid = messageIdOf(QuarantineRecord.fromJson(record.value()).payload());
                if (mid != null) {
                    quarantined.add(mid);
                }
            }
        }
        seenRecords = records.size();
        return this;
    }

    public Set<String> accepted() {
        return accepted;
    }

    /** Every message id found in either topic. */
    public Set<String> found() {
        Set<String> all = new HashSet<>(accepted);
        all.addAll(quarantined);
        return all;
    }

    public int quarantinedOnly() {
        Set<String> only = new HashSet<>(quarantined);
        only.removeAll(accepted);
        return only.size();
    }

    private static String messageIdOf(byte[] envelope) {
        try {
            return envelope == null ? null : EnvelopeParser.parse(envelope).claims().messageId();
        } catch (MalformedEnvelopeException e) {
            return "unparseable:" + new String(envelope, StandardCharsets.ISO_8859_1).hashCode();
        }
    }
}
