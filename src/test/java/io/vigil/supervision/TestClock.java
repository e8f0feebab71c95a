package io.vigil.supervision;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class TestClock implements InstantSource {

    private Instant now;

    TestClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    Instant advance(Duration step) {
        now = now.plus(step);
        return now;
    }

    Instant set(Instant instant) {
        now = instant;
        return now;
    }
}
