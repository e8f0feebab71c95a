package io.vigil.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Waiting for a count: patient while it grows, giving up once it has stood still for a while. */
final class Waiting {

    private static final long POLL_MILLIS = 20;

    private Waiting() {}

    /** True once {@code done} holds; false if {@code progress} did not change for {@code idle}. */
    static boolean untilDoneOrIdle(BooleanSupplier done, LongSupplier progress, Duration idle) throws InterruptedException {
        long last = progress.getAsLong();
        long lastChange = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - lastChange > idle.toNanos()) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
            long now = progress.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return true;
    }
}
