package io.vigil.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The child side of the supervision scenario, run as {@code vigil bench supervision-probe}: measures
 * the engine with {@link SupervisionFootprint} in its own JVM (the heap limit is the point) and
 * reports the numbers as a {@code BENCH RESULT} line, then stays until its input ends so the
 * harness can read its peak RSS.
 */
public final class SupervisionProbe {

    private SupervisionProbe() {}

    public static void run(int sites) {
        SupervisionFootprint.Footprint footprint = SupervisionFootprint.measure(sites);
        ChildProtocol.result(toMap(footprint));
        ChildProtocol.serveUntilEndOfInput(command -> { });
    }

    static Map<String, Object> toMap(SupervisionFootprint.Footprint footprint) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sites", footprint.sites());
        map.put("heap_bytes", footprint.heapBytes());
        map.put("bytes_per_site", footprint.bytesPerSite());
        map.put("register_ns", footprint.registerNanosPerSite());
        map.put("heartbeat_ns", footprint.heartbeatNanosPerSite());
        map.put("quiet_advance_ns", footprint.quietAdvanceNanos());
        map.put("advance_due_per_call", footprint.advanceDuePerCall());
        map.put("advance_mean_ns", footprint.advanceMeanNanos());
        map.put("advance_max_ns", footprint.advanceMaxNanos());
        return map;
    }
}
