package io.vigil.ingest;

import io.vigil.ingest.mqtt.ReliableMqttConsumer;
import io.vigil.trust.Encoding;
import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.RejectBurstDetector;
import io.vigil.trust.SecurityAlert;
import io.vigil.trust.TopicSites;
import io.vigil.trust.TrustGate;
import io.vigil.trust.Verdict;
import io.vigil.trust.VerifiedEnvelope;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Puts one received MQTT message through the trust gate and prepares the Kafka record: an accepted
 * envelope goes on unchanged with its verified claims as headers; anything else becomes a
 * quarantine record. The verdict travels as exchange property {@link #VERDICT} for the route's
 * {@code choice}; a burst of rejects from one site leaves a {@link SecurityAlert} in {@link #ALERT}.
 */
public final class IngestProcessor implements Processor {

    public static final String VERDICT = "VigilVerdict";
    public static final String ALERT = "VigilSecurityAlert";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    /** Key of quarantine records whose topic names no valid site. */
    public static final String NO_SITE_KEY = "_invalid";

    private final TrustGate gate;
    private final RejectBurstDetector bursts;

    public IngestProcessor(TrustGate gate, RejectBurstDetector bursts) {
        this.gate = gate;
        this.bursts = bursts;
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getProperty(ReliableMqttConsumer.TOPIC, String.class);
        boolean duplicate = Boolean.TRUE.equals(exchange.getProperty(ReliableMqttConsumer.DUPLICATE, Boolean.class));
        Instant receivedAt = Instant.ofEpochMilli(exchange.getProperty(ReliableMqttConsumer.RECEIVED_AT_MILLIS, Long.class));
        byte[] payload = exchange.getIn().getBody(byte[].class);
        Message out = exchange.getIn();
        Verdict verdict = gate.check(new ReceivedMessage(topic, payload, duplicate, receivedAt));
        if (verdict instanceof Verdict.Accepted accepted) {
            describeAccepted(out, accepted.envelope(), receivedAt);
            if (accepted.envelope().encoding() == Encoding.RAW) {
                out.setBody(accepted.envelope().body()); // the clear signal: keys stay in the trust gate
            }
            exchange.setProperty(VERDICT, ACCEPTED);
        } else if (verdict instanceof Verdict.Rejected rejected) {
            String site = TopicSites.siteOf(topic);
            QuarantineRecord record = new QuarantineRecord(QuarantineRecord.SPEC_VERSION, "trust",
                    rejected.reason().code(), rejected.detail(), topic, site, duplicate, receivedAt, null, payload);
            out.setBody(record.toJson());
            out.setHeader(KafkaConstants.KEY, site == null ? NO_SITE_KEY : site);
            out.setHeader(SignalHeaders.STAGE, "trust");
            out.setHeader(SignalHeaders.REASON, rejected.reason().code());
            out.setHeader(SignalHeaders.RECEIVED_AT, receivedAt.toString());
            exchange.setProperty(VERDICT, REJECTED);
            if (site != null) {
                Optional<SecurityAlert> alert = bursts.record(site, rejected.reason(), receivedAt);
                alert.ifPresent(a -> exchange.setProperty(ALERT, a));
            }
        }
    }

    private static void describeAccepted(Message out, VerifiedEnvelope envelope, Instant receivedAt) {
        out.setHeader(KafkaConstants.KEY, envelope.site());
        out.setHeader(SignalHeaders.SITE, envelope.site());
        out.setHeader(SignalHeaders.DEVICE, envelope.device());
        out.setHeader(SignalHeaders.KEY_ID, envelope.kid());
        out.setHeader(SignalHeaders.ALG, envelope.alg() != null ? envelope.alg().joseName() : envelope.profile().code());
        out.setHeader(SignalHeaders.ASSURANCE, envelope.profile().assurance());
        out.setHeader(SignalHeaders.SEQ, Long.toString(envelope.seq()));
        out.setHeader(SignalHeaders.MESSAGE_ID, envelope.messageId());
        out.setHeader(SignalHeaders.ISSUED_AT, envelope.issuedAt().toString());
        out.setHeader(SignalHeaders.CONTENT_TYPE, envelope.contentType());
        out.setHeader(SignalHeaders.ENCODING, envelope.encoding().name().toLowerCase(java.util.Locale.ROOT));
        out.setHeader(SignalHeaders.RECEIVED_AT, receivedAt.toString());
        out.setHeader(SignalHeaders.REDELIVERED, Boolean.toString(envelope.redelivered()));
        out.setHeader(SignalHeaders.DUPLICATE, Boolean.toString(envelope.duplicate()));
        if (envelope.late()) {
            out.setHeader(SignalHeaders.LATE_MS, Long.toString(envelope.lateBy().toMillis()));
        }
    }
}
