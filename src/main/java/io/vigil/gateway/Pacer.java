package io.vigil.gateway;

import java.util.concurrent.TimeUnit;

/** Spaces sends at most {@code perSecond} apart; time not used is not saved up (no bursts after a pause). */
final class Pacer {

    private final long intervalNanos;
    private long next = System.nanoTime();

    Pacer(int perSecond) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    void awaitTurn() throws InterruptedException {
        long now = System.nanoTime();
        if (next > now) {
            TimeUnit.NANOSECONDS.sleep(next - now);
            now = next;
        }
        next = now + intervalNanos;
    }
}
