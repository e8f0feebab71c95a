package io.vigil.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of Kafka's {@code ProducerPerformance} (kafka-tools 4.1): a progress line every five seconds
 * for the records completed in that window, and a summary line with percentiles at the end:
 * <pre>
 * 249733 records sent, 49936.6 records/sec (14.29 MB/sec), 7.4 ms avg latency, 245.0 ms max latency.
 * 1000000 records sent, 49970.0 records/sec (14.30 MB/sec), 6.51 ms avg latency, 245.00 ms max latency, 4 ms 50th, 13 ms 95th, 28 ms 99th, 61 ms 99.9th.
 * </pre>
 * Its latency is send() to acknowledgement, measured by the producer. The tool formats with the
 * default locale; the harness starts it with an English one.
 */
public record ProducerPerformanceOutput(long records, double recordsPerSecond, double avgLatencyMillis,
                                        double maxLatencyMillis, Integer p50Millis, Integer p95Millis,
                                        Integer p99Millis, Integer p999Millis) {

    private static final Pattern LINE = Pattern.compile(
            "^(\\d+) records sent, ([\\d.]+) records/sec \\([\\d.]+ MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency"
                    + "(?:, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th)?\\.$");

    /** The summary line (the last one) carries percentiles; progress lines do not. */
    public boolean isSummary() {
        return p50Millis != null;
    }

    public static Optional<ProducerPerformanceOutput> parse(String line) {
        Matcher m = LINE.matcher(line.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProducerPerformanceOutput(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), integer(m.group(5)), integer(m.group(6)),
                integer(m.group(7)), integer(m.group(8))));
    }

    private static Integer integer(String group) {
        return group == null ? null : Integer.valueOf(group);
    }
}
