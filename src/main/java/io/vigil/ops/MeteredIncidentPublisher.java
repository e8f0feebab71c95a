package io.vigil.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.escalation.IncidentChange;
import io.vigil.escalation.IncidentPublisher;
import io.vigil.escalation.OutboxRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts incident changes (opened, acknowledged, closed, ...) by priority once Kafka has them. The
 * priority comes from the published record (1-5, the policy's range); anything else is {@code other}.
 * A batch the relay publishes again after a failure is counted again: the counter is at least once.
 */
final class MeteredIncidentPublisher implements IncidentPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IncidentPublisher delegate;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    MeteredIncidentPublisher(IncidentPublisher delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        for (IncidentChange change : List.of(IncidentChange.OPENED, IncidentChange.ACKNOWLEDGED, IncidentChange.CLOSED)) {
            for (int priority = 1; priority <= 5; priority++) {
                counter(change, Integer.toString(priority));
            }
        }
    }

    @Override
    public void publish(List<OutboxRecord> records) {
        delegate.publish(records);
        for (OutboxRecord record : records) {
            counter(record.change(), priority(record.payload())).increment();
        }
    }

    private Counter counter(IncidentChange change, String priority) {
        return counters.computeIfAbsent(change.wireName() + "/" + priority, key -> Counter.builder("vigil.incident.changes")
                .description("incident changes published to the incidents topic")
                .tag("change", change.wireName()).tag("priority", priority).register(registry));
    }

    private static String priority(String payload) {
        try {
            JsonNode priority = JSON.readTree(payload).path("priority");
            int value = priority.asInt(0);
            return priority.isInt() && value >= 1 && value <= 5 ? Integer.toString(value) : "other";
        } catch (IOException e) {
            return "other";
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
