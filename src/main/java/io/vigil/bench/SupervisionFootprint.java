package io.vigil.bench;

import io.vigil.supervision.SupervisionConfig;
import io.vigil.supervision.SupervisionEngine;
import io.vigil.supervision.SupervisionSnapshot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Measures what the engine costs at a given number of sites: retained heap, and the time of
 * registrations, heartbeats and {@code advance}. A tool for the benchmark harness, not a test;
 * run it in a JVM of its own, e.g.
 * {@code java -Xmx1g -cp target/classes io.vigil.bench.SupervisionFootprint 10000000}.
 *
 * <p>Every site has a 90 s interval and one heartbeat, spread evenly over 90 s, so the deadlines
 * are spread evenly too and one 250 ms {@code advance} finds 1/360 of the sites due - the load of
 * a steady state where every heartbeat is late, a pessimistic case.
 */
public final class SupervisionFootprint {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long INTERVAL_MILLIS = 90_000;
    private static final long ADVANCE_STEP_MILLIS = 250;
    private static final int TIMED_ADVANCES = 40;

    /**
     * @param heapBytes heap retained by the engine (used heap after full GCs, minus the same before)
     * @param advanceDuePerCall sites reported by each timed {@code advance} (each covers 250 ms)
     * @param advanceMeanNanos mean of {@value #TIMED_ADVANCES} consecutive busy {@code advance} calls
     * @param advanceMaxNanos the slowest of them: the first, before the JIT compiled it, or one a GC paused
     * @param quietAdvanceNanos one {@code advance} over 250 ms in which no deadline falls
     */
    public record Footprint(int sites, long heapBytes, double bytesPerSite, double registerNanosPerSite,
                            double heartbeatNanosPerSite, long quietAdvanceNanos, double advanceDuePerCall,
                            long advanceMeanNanos, long advanceMaxNanos) {

        @Override
        public String toString() {
            return String.format("sites=%,d heap=%,d bytes (%.1f MiB, %.1f bytes/site) register=%.0f ns/site"
                            + " heartbeat=%.0f ns/site quiet-advance=%,d ns advance(250 ms, %.0f due)=%,d ns mean, %,d ns max",
                    sites, heapBytes, heapBytes / 1048576.0, bytesPerSite, registerNanosPerSite, heartbeatNanosPerSite,
                    quietAdvanceNanos, advanceDuePerCall, advanceMeanNanos, advanceMaxNanos);
        }
    }

    private SupervisionFootprint() {
    }

    public static Footprint measure(int sites) {
        return measureKeeping(sites).footprint();
    }

    /** {@code java ... SupervisionFootprint <sites> [snapshot-file]}: prints the footprint, and snapshot costs if a file is given. */
    public static void main(String[] args) throws IOException {
        int sites = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        Measured measured = measureKeeping(sites);
        System.out.println(measured.footprint());
        if (args.length > 1) {
            Path file = Path.of(args[1]);
            long started = System.nanoTime();
            SupervisionSnapshot.write(measured.engine(), file);
            long written = System.nanoTime() - started;
            SupervisionConfig config = measured.engine().config();
            ManualClock clock = measured.clock();
            measured = null; // the restored engine must fit beside nothing else
            started = System.nanoTime();
            SupervisionEngine restored = SupervisionSnapshot.read(file, config, clock);
            long read = System.nanoTime() - started;
            System.out.printf("snapshot=%,d bytes write=%,d ms read=%,d ms restored=%,d sites heap after read=%,d bytes%n",
                    Files.size(file), written / 1_000_000, read / 1_000_000, restored.stats().sites(), usedHeapAfterGc());
        }
    }

    private record Measured(Footprint footprint, SupervisionEngine engine, ManualClock clock) {
    }

    private static Measured measureKeeping(int sites) {
        if (sites < 1) {
            throw new IllegalArgumentException("sites must be at least 1");
        }
        int digits = Math.max(7, Integer.toString(sites - 1).length());
        long before = usedHeapAfterGc();
        ManualClock clock = new ManualClock(START.toEpochMilli());
        SupervisionEngine engine = new SupervisionEngine(SupervisionConfig.DEFAULTS
                .withDefaultInterval(Duration.ofMillis(INTERVAL_MILLIS))
                .withGrace(Duration.ZERO)
                .withMaxMissesPerAdvance(Integer.MAX_VALUE)
                .withExpectedSites(sites), clock);

        long started = System.nanoTime();
        for (int i = 0; i < sites; i++) {
            engine.register(siteId(i, digits));
        }
        double registerNanos = (System.nanoTime() - started) / (double) sites;

        clock.millis = START.toEpochMilli() + INTERVAL_MILLIS;
        started = System.nanoTime();
        for (int i = 0; i < sites; i++) {
            engine.heartbeat(siteId(i, digits), Instant.ofEpochMilli(START.toEpochMilli() + i * INTERVAL_MILLIS / sites));
        }
        double heartbeatNanos = (System.nanoTime() - started) / (double) sites;

        long heapBytes = usedHeapAfterGc() - before;

        long firstDeadline = START.toEpochMilli() + INTERVAL_MILLIS;
        engine.advance(Instant.ofEpochMilli(firstDeadline - 2 * ADVANCE_STEP_MILLIS));
        started = System.nanoTime();
        engine.advance(Instant.ofEpochMilli(firstDeadline - ADVANCE_STEP_MILLIS));
        long quietNanos = System.nanoTime() - started;

        long total = 0;
        long max = 0;
        long due = 0;
        for (int call = 1; call <= TIMED_ADVANCES; call++) {
            Instant now = Instant.ofEpochMilli(firstDeadline + call * ADVANCE_STEP_MILLIS);
            started = System.nanoTime();
            due += engine.advance(now).size();
            long took = System.nanoTime() - started;
            total += took;
            max = Math.max(max, took);
        }
        Footprint footprint = new Footprint(sites, heapBytes, heapBytes / (double) sites, registerNanos, heartbeatNanos,
                quietNanos, due / (double) TIMED_ADVANCES, total / TIMED_ADVANCES, max);
        return new Measured(footprint, engine, clock);
    }

    /** "site-" and the number zero-padded to {@code digits}, without String.format's cost at ten million calls. */
    private static String siteId(int number, int digits) {
        char[] chars = new char[5 + digits];
        "site-".getChars(0, 5, chars, 0);
        for (int at = chars.length - 1; at >= 5; at--) {
            chars[at] = (char) ('0' + number % 10);
            number /= 10;
        }
        return new String(chars);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static final class ManualClock implements InstantSource {
        long millis;

        ManualClock(long millis) {
            this.millis = millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }
}
