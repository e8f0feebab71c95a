package io.vigil.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How much load each scenario gets. Two presets: {@code SHORT} (well under two minutes in all, for
 * CI: does anything get lost?) and {@code FULL} (the numbers for docs/benchmarks.md, ~10 minutes).
 *
 * @param messages measured messages per MQTT scenario
 * @param warmupMessages published and awaited before measuring, not reported
 * @param rate target rate of the measured pass over all sites in messages/s; null: as fast as the window allows
 * @param pacedRate rate of the paced pass that the latency percentiles come from
 * @param pacedMessages messages of the paced pass; 0 when there is none (with {@code rate} set, the measured pass is paced already)
 * @param sites simulated sites, one MQTT connection each
 * @param window unacknowledged publishes per connection (in flight in all: sites × window)
 * @param kafkaCeilingRecords records ProducerPerformance sends at full speed: 15 × {@code messages}, as it is 10-30×
 *        faster, so that its run lasts long enough for its CPU time to dwarf the JVM's start
 * @param idleTimeout how long the far end may see nothing new before the missing messages count as lost
 */
public record BenchSettings(Mode mode, long messages, long warmupMessages, Double rate, double pacedRate,
                            long pacedMessages, int sites, int window, long kafkaCeilingRecords, int supervisionSites,
                            int ed25519Verifications, Duration idleTimeout, Path outputDir) {

    public enum Mode { SHORT, FULL }

    private static final int KAFKA_CEILING_FACTOR = 15;
    /**
     * A load every scenario sustains with room to spare on the shared 2-core development machine
     * (at 2,000/s, with other work on the machine, queues already formed now and then).
     */
    public static final double DEFAULT_PACED_RATE = 1_000;

    public BenchSettings {
        if (messages < 1 || messages > Integer.MAX_VALUE || pacedMessages < 0 || pacedMessages > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("message counts must be 1.." + Integer.MAX_VALUE);
        }
        if (rate != null && rate <= 0 || pacedRate <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        if (sites < 1 || sites > 9999 || window < 1) {
            throw new IllegalArgumentException("sites must be 1..9999 and window at least 1");
        }
    }

    public static BenchSettings defaults(Mode mode, Path outputDir) {
        return switch (mode) {
            case SHORT -> new BenchSettings(mode, 20_000, 2_000, null, DEFAULT_PACED_RATE, 5_000, 4, 250,
                    300_000, 1_000_000, 30_000, Duration.ofSeconds(10), outputDir);
            case FULL -> new BenchSettings(mode, 200_000, 20_000, null, DEFAULT_PACED_RATE, 30_000, 4, 250,
                    3_000_000, 10_000_000, 100_000, Duration.ofSeconds(20), outputDir);
        };
    }

    /**
     * Another message count; warm-up (a tenth, at least 200), the paced pass (at most as many) and
     * ProducerPerformance's records follow it.
     */
    public BenchSettings withMessages(long count) {
        return new BenchSettings(mode, count, Math.max(200, count / 10), rate, pacedRate,
                pacedMessages == 0 ? 0 : Math.min(pacedMessages, count), sites, window, KAFKA_CEILING_FACTOR * count,
                supervisionSites, ed25519Verifications, idleTimeout, outputDir);
    }

    /** The measured pass at a fixed rate: it then gives the latency too, and there is no paced pass. */
    public BenchSettings withRate(double messagesPerSecond) {
        return new BenchSettings(mode, messages, warmupMessages, messagesPerSecond, pacedRate, 0, sites, window,
                kafkaCeilingRecords, supervisionSites, ed25519Verifications, idleTimeout, outputDir);
    }

    public BenchSettings withPacedRate(double messagesPerSecond) {
        return new BenchSettings(mode, messages, warmupMessages, rate, messagesPerSecond, pacedMessages, sites, window,
                kafkaCeilingRecords, supervisionSites, ed25519Verifications, idleTimeout, outputDir);
    }

    public BenchSettings withConnections(int siteCount, int windowPerSite) {
        return new BenchSettings(mode, messages, warmupMessages, rate, pacedRate, pacedMessages, siteCount, windowPerSite,
                kafkaCeilingRecords, supervisionSites, ed25519Verifications, idleTimeout, outputDir);
    }

    /** Whether the latency comes from a paced pass of its own. */
    public boolean paced() {
        return pacedMessages > 0;
    }
}
