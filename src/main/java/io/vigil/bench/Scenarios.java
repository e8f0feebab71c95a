package io.vigil.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every scenario {@code vigil bench} knows, in report order, with the letters as aliases
 * (a broker_ceiling, b kafka_ceiling, c naive_route, d vigil_ingest, e vigil_incidents, f supervision,
 * g vigil_ingest_no_metrics: d with metrics off, so that d/g is what metrics cost).
 */
public final class Scenarios {

    private static final Map<String, Supplier<Scenario>> AVAILABLE = new LinkedHashMap<>();
    private static final Map<String, String> LETTERS = Map.of(
            "a", "broker_ceiling", "b", "kafka_ceiling", "c", "naive_route",
            "d", "vigil_ingest", "e", "vigil_incidents", "f", "supervision", "g", "vigil_ingest_no_metrics", "h", "dc09_ingest");

    static {
        AVAILABLE.put("broker_ceiling", () -> new MqttScenario("broker_ceiling", new SubscriberPipeline(), BenchPayload.INSTANCE));
        AVAILABLE.put(KafkaCeilingScenario.NAME, KafkaCeilingScenario::new);
        AVAILABLE.put("naive_route", () -> new MqttScenario("naive_route",
                new KafkaPipeline(ChildProcesses::naiveRoute, BenchPayload.INSTANCE), BenchPayload.INSTANCE));
        AVAILABLE.put("vigil_ingest", () -> {
            SignedSensorPayload payload = new SignedSensorPayload();
            return new MqttScenario("vigil_ingest", new KafkaPipeline(ChildProcesses::vigilIngest, payload,
                    ChildProcesses::vigilTopics), payload);
        });
        AVAILABLE.put("vigil_ingest_no_metrics", () -> {
            SignedSensorPayload payload = new SignedSensorPayload();
            return new MqttScenario("vigil_ingest_no_metrics", new KafkaPipeline(ChildProcesses::vigilIngestWithoutMetrics,
                    payload, ChildProcesses::vigilTopics), payload);
        });
        AVAILABLE.put("vigil_incidents", () -> {
            SignedAlarmPayload payload = new SignedAlarmPayload();
            return new MqttScenario("vigil_incidents", new IncidentPipeline(payload), payload);
        });
        AVAILABLE.put(Dc09IngestScenario.NAME, Dc09IngestScenario::new);
        AVAILABLE.put(SupervisionScenario.NAME, SupervisionScenario::new);
        AVAILABLE.put(Ed25519VerifyScenario.NAME, Ed25519VerifyScenario::new);
    }

    private Scenarios() {}

    /**
     * Fresh scenarios for the names or letters asked for, in report order; all available ones when
     * none are named. Unknown and planned names are an {@link IllegalArgumentException}.
     */
    public static List<Scenario> select(List<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        for (String entry : requested == null ? List.<String>of() : requested) {
            String name = LETTERS.getOrDefault(entry.trim().toLowerCase(Locale.ROOT), entry.trim().toLowerCase(Locale.ROOT));
            if (!AVAILABLE.containsKey(name)) {
                throw new IllegalArgumentException("unknown scenario " + entry + "; known: " + String.join(", ", AVAILABLE.keySet())
                        + " (or a to g)");
            }
            names.add(name);
        }
        List<Scenario> scenarios = new ArrayList<>();
        AVAILABLE.forEach((name, factory) -> {
            if (names.isEmpty() || names.contains(name)) {
                scenarios.add(factory.get());
            }
        });
        return scenarios;
    }
}
