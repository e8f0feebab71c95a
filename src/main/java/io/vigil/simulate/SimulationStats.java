package io.vigil.simulate;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a simulation sent, by kind, and what the broker acknowledged; safe to read while it runs. */
public final class SimulationStats {

    private final Map<SignalKind, LongAdder> sent = new EnumMap<>(SignalKind.class);
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong startedNanos = new AtomicLong(System.nanoTime());

    public SimulationStats() {
        for (SignalKind kind : SignalKind.values()) {
            sent.put(kind, new LongAdder());
        }
    }

    void started() {
        startedNanos.set(System.nanoTime());
    }

    void countSent(SignalKind kind) {
        sent.get(kind).increment();
    }

    void countAcknowledged() {
        acknowledged.increment();
    }

    /** The broker refused or the connection failed: the message did not reach the broker. */
    void countRefused() {
        refused.increment();
    }

    public long sent() {
        return sent.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long sent(SignalKind kind) {
        return sent.get(kind).sum();
    }

    public long bad() {
        return sent.entrySet().stream().filter(e -> e.getKey().bad()).mapToLong(e -> e.getValue().sum()).sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    public long refused() {
        return refused.sum();
    }

    public double seconds() {
        return (System.nanoTime() - startedNanos.get()) / 1e9;
    }

    /** One status line: totals, rate and the mix. */
    public String line() {
        double seconds = Math.max(seconds(), 1e-3);
        StringBuilder text = new StringBuilder(String.format("%7.1f s  sent %,d (%,.0f/s)  acked %,d  refused %,d  bad %,d |",
                seconds, sent(), sent() / seconds, acknowledged(), refused(), bad()));
        for (SignalKind kind : SignalKind.values()) {
            text.append(' ').append(kind.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(sent(kind));
        }
        return text.toString();
    }
}
