package io.vigil.bench;

import java.time.Clock;
import java.time.Instant;

/** Wall-clock time in epoch microseconds: the unit of publish stamps and arrival times, shared by every process. */
public final class MicroTime {

    private static final Clock CLOCK = Clock.systemUTC();

    private MicroTime() {}

    public static long now() {
        return of(CLOCK.instant());
    }

    public static long of(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
