package io.vigil.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * f, supervision: the heartbeat supervision engine holding N sites in a JVM limited to 1 GiB of heap
 * ({@code vigil bench supervision-probe}, {@link io.vigil.bench.SupervisionFootprint}).
 * Reported: the child's peak RSS, and in the details retained heap, bytes per site and operation
 * costs. Throughput, latency, loss and CPU per 1,000 messages do not apply and are null.
 */
public final class SupervisionScenario implements Scenario {

    public static final String NAME = "supervision";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int sites = context.settings().supervisionSites();
        AtomicReference<Map<String, Object>> reported = new AtomicReference<>();
        ChildProcess child = ChildProcess.start(NAME, ChildProcess.vigilCommand(List.of("-Xmx1g"), Map.of(),
                        List.of("bench", "supervision-probe", "--sites", Integer.toString(sites))),
                context.logFile(NAME), line -> line.startsWith(ChildProtocol.RESULT),
                (from, line) -> ChildProtocol.parseResult(line).ifPresent(reported::set), TIMEOUT);
        try {
            double rss = child.accounting().peakRssMegabytes();
            long cpuMillis = child.accounting().cpuMillis();
            Map<String, Object> footprint = reported.get();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sites", sites);
            details.put("heap_mb", ((Number) footprint.get("heap_bytes")).doubleValue() / (1024 * 1024));
            details.put("bytes_per_site", footprint.get("bytes_per_site"));
            details.put("max_heap", "1g");
            details.put("register_ns", footprint.get("register_ns"));
            details.put("heartbeat_ns", footprint.get("heartbeat_ns"));
            details.put("advance_due_per_call", footprint.get("advance_due_per_call"));
            details.put("advance_mean_ns", footprint.get("advance_mean_ns"));
            details.put("advance_max_ns", footprint.get("advance_max_ns"));
            details.put("cpu_ms", cpuMillis);
            return new ScenarioResult(NAME, null, null, null, null, null, null, rss, details);
        } finally {
            child.terminate(ChildProcesses.STOP_GRACE);
        }
    }
}
