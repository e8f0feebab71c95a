package io.vigil.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailedAuthLimiterTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final FailedAuthLimiter limiter = new FailedAuthLimiter(
            new FailedAuthLimiter.Config(3, Duration.ofSeconds(10), 4), clock);

    @Test
    void aClientIsRefusedAfterTheBurstAndGetsOneAttemptBackPerInterval() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.check("10.0.0.1")).isInstanceOf(FailedAuthLimiter.Decision.Allowed.class);
            limiter.failed("10.0.0.1");
        }
        var limited = (FailedAuthLimiter.Decision.Limited) limiter.check("10.0.0.1");
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limited.failures()).isEqualTo(3);
        assertThat(limited.firstInWindow()).isTrue();
        assertThat(((FailedAuthLimiter.Decision.Limited) limiter.check("10.0.0.1")).firstInWindow()).isFalse();
        // another address is not affected
        assertThat(limiter.check("10.0.0.2")).isInstanceOf(FailedAuthLimiter.Decision.Allowed.class);

        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.check("10.0.0.1")).isInstanceOf(FailedAuthLimiter.Decision.Allowed.class);
        limiter.failed("10.0.0.1");
        var again = (FailedAuthLimiter.Decision.Limited) limiter.check("10.0.0.1");
        assertThat(again.firstInWindow()).as("audited once per window of burst x interval").isFalse();

        clock.advance(Duration.ofSeconds(30));
        limiter.failed("10.0.0.1");
        limiter.failed("10.0.0.1");
        limiter.failed("10.0.0.1");
        assertThat(((FailedAuthLimiter.Decision.Limited) limiter.check("10.0.0.1")).firstInWindow()).isTrue();
    }

    @Test
    void manyAddressesShareOneBucketBeyondTheTrackedMaximum() {
        for (int i = 0; i < 4; i++) {
            limiter.failed("10.0.1." + i);
        }
        for (int i = 0; i < 3; i++) {
            limiter.failed("2001:db8::" + i);
        }
        assertThat(limiter.trackedClients()).isEqualTo(5); // four addresses and the shared bucket
        assertThat(limiter.check("2001:db8::99")).isInstanceOf(FailedAuthLimiter.Decision.Limited.class);
        assertThat(limiter.check("10.0.1.0")).isInstanceOf(FailedAuthLimiter.Decision.Allowed.class);
    }
}
