package io.vigil.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario's line of the report; a null number means "not meaningful here" (the latency of a
 * heap measurement, say). {@code details} carries what only this scenario has (heap per site, the
 * source of a latency figure, publish counts), in the order it was put in.
 *
 * @param msgsPerSecond messages that arrived / (last arrival - first publish)
 * @param lost measured messages published and acknowledged by the broker that never arrived
 * @param cpuMillisPer1000 CPU time (user + system) of the measured process per 1,000 messages that arrived
 * @param rssMegabytes peak resident set size of the measured process, MiB
 */
public record ScenarioResult(String name, Double msgsPerSecond, Double p50Millis, Double p99Millis, Double p999Millis,
                             Long lost, Double cpuMillisPer1000, Double rssMegabytes, Map<String, Object> details) {

    public ScenarioResult {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
    }

    /** CPU milliseconds per 1,000 events; null when nothing was counted. */
    public static Double perThousand(long cpuMillis, long events) {
        return events <= 0 ? null : cpuMillis * 1000.0 / events;
    }
}
