package io.vigil.bench;

import org.HdrHistogram.Histogram;

/** The latency percentiles the report shows, in milliseconds; all null when nothing was timed. */
public record LatencySummary(Double p50Millis, Double p99Millis, Double p999Millis) {

    public static final LatencySummary NONE = new LatencySummary(null, null, null);

    /** From a histogram of microseconds. */
    public static LatencySummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencySummary(millis(micros, 50.0), millis(micros, 99.0), millis(micros, 99.9));
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
