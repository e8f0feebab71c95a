package io.vigil.app;

import io.vigil.ingest.mqtt.ReliableMqttComponent;
import io.vigil.kafka.StageKafkaComponent;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names the YAML routes of {@code routes/} may refer to (beans and components), and the binder through which
 * {@link VigilApplication} binds them. The list is checked from both sides: {@code RouteWiringTest} (no services)
 * checks that every name a route uses is listed here, and {@link #checkComplete()} refuses to start an application
 * that did not bind every listed name.
 */
final class RouteBeans {

    static final Set<String> NAMES = Stream.concat(StageKafkaComponent.schemes().stream(), Stream.of(
            ReliableMqttComponent.SCHEME, "mqttSocketFactory", "slotOwnership", "trustCheck", "securityAlertEvent",
            "commitBatch",
            "normalizeBatch",
            "auditSignals",
            "escalationBatch", "escalationTimers", "incidentsRelay",
            "supervisionAdvance", "supervisionSnapshot", "supervisionRegistry", "scheduleCheck",
            "feedCefTls", "feedCefTlsSsl", "feedRfc5425Encoder", "feedCefUdp", "feedEcsFile", "feedEcsHttp", "feedHec",
            "feedWebhook")).collect(Collectors.toUnmodifiableSet());

    private final BiConsumer<String, Object> registry;
    private final Set<String> bound = new HashSet<>();

    RouteBeans(BiConsumer<String, Object> registry) {
        this.registry = registry;
    }

    void bind(String name, Object bean) {
        bound.add(name);
        registry.accept(name, bean);
    }

    /** Fails when a name the routes may use was not bound: the routes would fail later, less clearly. */
    void checkComplete() {
        Set<String> missing = new TreeSet<>(NAMES);
        missing.removeAll(bound);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the routes' beans " + missing + " were not bound");
        }
    }
}
