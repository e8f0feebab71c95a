package io.vigil.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.ingest.mqtt.ReliableMqttConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Per-stage counts read off Camel's exchange events, so no route step changes for them: messages in
 * (a Kafka batch counts its records), out (the exchange completed: its output is durable), failed,
 * and retries. The stage label is the route id of {@code routes/} (Vigil's own, never site data).
 * The ingest route also yields the receive-to-Kafka latency: from the MQTT receive time to the
 * completion of the exchange, which comes after Kafka acknowledged the record.
 */
final class StageEvents extends EventNotifierSupport {

    static final String INGEST_ROUTE = "ingest";
    private static final String COUNT = "VigilOpsRecords";

    private final MeterRegistry registry;
    private final Timer receiveToKafka;
    private final Map<String, Stage> stages = new ConcurrentHashMap<>();

    StageEvents(MeterRegistry registry) {
        this.registry = registry;
        this.receiveToKafka = Buckets.latency("vigil.ingest.receive.to.kafka",
                "from MQTT receive to the Kafka acknowledgement of its record (accepted or quarantined)").register(registry);
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    /** One stage's meters and its latest outcomes (feed health). */
    final class Stage {
        final Counter in;
        final Counter out;
        final Counter failed;
        final Counter retries;
        volatile long lastSuccessNanos;
        volatile long lastTroubleNanos;

        Stage(String id) {
            in = Counter.builder("vigil.stage.messages.in").description("records a stage took in").tag("stage", id).register(registry);
            out = Counter.builder("vigil.stage.messages.out").description("records a stage finished (output durable)")
                    .tag("stage", id).register(registry);
            failed = Counter.builder("vigil.stage.failures").description("records whose exchange failed after its retries")
                    .tag("stage", id).register(registry);
            retries = Counter.builder("vigil.stage.retries").description("redelivery attempts of a failed step")
                    .tag("stage", id).register(registry);
        }

        /** Retried or failed since it last finished something. */
        boolean troubled() {
            return lastTroubleNanos != 0 && lastTroubleNanos - lastSuccessNanos > 0;
        }
    }

    /** The stage of a route, registered ahead of traffic so that its series exist from the start. */
    Stage stage(String routeId) {
        return stages.computeIfAbsent(routeId, Stage::new);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCreatedEvent || event instanceof ExchangeCompletedEvent
                || event instanceof ExchangeFailedEvent || event instanceof ExchangeRedeliveryEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null) {
            return;
        }
        if (routeId.startsWith(INGEST_ROUTE + "-slot-")) {
            routeId = INGEST_ROUTE; // every MQTT receiver slot is the ingest stage (docs/cluster.md)
        }
        Stage stage = stage(routeId);
        if (event instanceof ExchangeCreatedEvent) {
            int records = exchange.getIn().getBody() instanceof List<?> batch ? batch.size() : 1;
            exchange.setProperty(COUNT, records);
            stage.in.increment(records);
        } else if (event instanceof ExchangeRedeliveryEvent) {
            stage.retries.increment();
            stage.lastTroubleNanos = System.nanoTime();
        } else if (event instanceof ExchangeFailedEvent) {
            stage.failed.increment(records(exchange));
            stage.lastTroubleNanos = System.nanoTime();
        } else {
            stage.out.increment(records(exchange));
            stage.lastSuccessNanos = System.nanoTime();
            if (INGEST_ROUTE.equals(routeId)) {
                Long receivedAt = exchange.getProperty(ReliableMqttConsumer.RECEIVED_AT_MILLIS, Long.class);
                if (receivedAt != null) {
                    receiveToKafka.record(Math.max(0, System.currentTimeMillis() - receivedAt), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private static int records(Exchange exchange) {
        Integer records = exchange.getProperty(COUNT, Integer.class);
        return records == null ? 1 : records;
    }
}
