package io.vigil.dc09;

import io.vigil.ingest.IngestProcessor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;

/**
 * The Camel-facing adapter of the port: judges a frame, hands the record to the route
 * {@value #ENDPOINT} (routes/dc09.camel.yaml: the same Kafka endpoints and error handling as the
 * MQTT ingest) and completes with the answer only when that exchange completed without error,
 * i.e. after Kafka acknowledged the record.
 */
public final class Dc09RouteSink implements Dc09Sink {

    public static final String ENDPOINT = "direct:dc09-signal";
    /** Verdict of an exchange that carries nothing to store, only a security alert. */
    public static final String ALERT_ONLY = "alert-only";

    private final Dc09Receiver receiver;
    private final ProducerTemplate template;

    public Dc09RouteSink(Dc09Receiver receiver, ProducerTemplate template) {
        this.receiver = receiver;
        this.template = template;
    }

    @Override
    public CompletionStage<byte[]> handle(byte[] frame, String transport, String address) {
        Dc09Outcome outcome = receiver.judge(frame, transport, address);
        Exchange exchange = new DefaultExchange(template.getCamelContext());
        if (outcome.alert() != null) {
            exchange.setProperty(IngestProcessor.ALERT, outcome.alert());
        }
        if (outcome instanceof Dc09Outcome.AnswerNow now) {
            if (outcome.alert() != null) {
                exchange.setProperty(IngestProcessor.VERDICT, ALERT_ONLY);
                template.asyncSend(ENDPOINT, exchange);
            }
            return CompletableFuture.completedFuture(now.answer());
        }
        Dc09Outcome.Store store = (Dc09Outcome.Store) outcome;
        exchange.setProperty(IngestProcessor.VERDICT, store.accepted() ? IngestProcessor.ACCEPTED : IngestProcessor.REJECTED);
        exchange.getIn().setBody(store.value());
        exchange.getIn().setHeader(KafkaConstants.KEY, store.key());
        store.headers().forEach(exchange.getIn()::setHeader);
        return template.asyncSend(ENDPOINT, exchange).thenApply(done -> {
            if (done.getException() != null) {
                throw new Dc09StoreException(done.getException());
            }
            return store.answer();
        });
    }

    /** The record could not be stored: no answer, the panel retransmits. */
    static final class Dc09StoreException extends RuntimeException {
        Dc09StoreException(Throwable cause) {
            super(cause);
        }
    }
}
