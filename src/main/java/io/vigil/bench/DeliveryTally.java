package io.vigil.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What the far end of a scenario saw of one phase: distinct messages, duplicates, the time span from the
 * first publish to the last arrival, and the latency histogram (µs). Throughput is
 * {@code received / (lastArrival - firstPublish)}: the same definition for every scenario.
 *
 * @param foreign what the far end saw that was no message of this run (another run's, a sequence
 *        number outside its phase, not a benchmark message at all), counted over all phases
 */
public record DeliveryTally(long expected, long received, long duplicates, long foreign,
                            long firstPublishMicros, long lastArrivalMicros, Histogram latencyMicros) {

    public long lost() {
        return expected - received;
    }

    /** Null when fewer than two messages arrived or no time passed. */
    public Double msgsPerSecond() {
        long span = lastArrivalMicros - firstPublishMicros;
        return received < 2 || span <= 0 ? null : received * 1_000_000.0 / span;
    }

    public LatencySummary latency() {
        return LatencySummary.ofMicros(latencyMicros);
    }

    /** For a child process to hand its tally to the harness as JSON: the histogram goes compressed, in Base64. */
    public Map<String, Object> toMap() {
        ByteBuffer buffer = ByteBuffer.allocate(latencyMicros.getNeededByteBufferCapacity());
        int length = latencyMicros.encodeIntoCompressedByteBuffer(buffer);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("expected", expected);
        map.put("received", received);
        map.put("duplicates", duplicates);
        map.put("foreign", foreign);
        map.put("first_publish_micros", firstPublishMicros);
        map.put("last_arrival_micros", lastArrivalMicros);
        map.put("latency_histogram", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        return map;
    }

    /** All phases' tallies as one map (phase name to tally), and back. */
    public static Map<String, Object> toMap(Map<BenchStamp.Phase, DeliveryTally> tallies) {
        Map<String, Object> map = new LinkedHashMap<>();
        tallies.forEach((phase, tally) -> map.put(phase.name(), tally.toMap()));
        return map;
    }

    @SuppressWarnings("unchecked")
    public static Map<BenchStamp.Phase, DeliveryTally> fromPhases(Map<String, ?> map) {
        Map<BenchStamp.Phase, DeliveryTally> tallies = new EnumMap<>(BenchStamp.Phase.class);
        map.forEach((phase, tally) -> tallies.put(BenchStamp.Phase.valueOf(phase), fromMap((Map<String, ?>) tally)));
        return tallies;
    }

    public static DeliveryTally fromMap(Map<String, ?> map) {
        byte[] histogram = Base64.getDecoder().decode((String) map.get("latency_histogram"));
        try {
            return new DeliveryTally(number(map, "expected"), number(map, "received"), number(map, "duplicates"),
                    number(map, "foreign"), number(map, "first_publish_micros"),
                    number(map, "last_arrival_micros"),
                    Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(histogram), DeliveryCounter.HIGHEST_LATENCY_MICROS));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt latency histogram", e);
        }
    }

    private static long number(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("tally field " + key + " is missing");
        }
        return number.longValue();
    }
}
