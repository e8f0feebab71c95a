package io.vigil.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed authentications per client address with a token bucket (docs/api.md, "Brute
 * force"): each failure takes a token, one comes back every {@code refillEvery} up to {@code burst}.
 * While a client's bucket is empty every request from it is refused before its token is looked at,
 * so it cannot go on guessing. At most {@code maxClients} addresses are tracked; beyond that, idle
 * ones (full buckets) are dropped, and if none is idle the newcomers share one bucket, so spraying
 * from many addresses is limited too and memory stays bounded. Safe for concurrent use.
 *
 * <p>Hand-written rather than Bucket4j: the bucket is a few lines of arithmetic, and what matters
 * here — a bounded map of buckets keyed by address — Bucket4j leaves to a cache library Vigil does
 * not otherwise need.
 */
public final class FailedAuthLimiter {

    /** What a request from a client may do. */
    public sealed interface Decision {
        record Allowed() implements Decision {}

        /** @param firstInWindow the first refusal of this client within a window (burst x refill-every): audit it */
        record Limited(Duration retryAfter, long failures, boolean firstInWindow) implements Decision {}
    }

    /**
     * @param burst       failures allowed at once
     * @param refillEvery one more failure allowed per this interval
     * @param maxClients  addresses tracked at most
     */
    public record Config(int burst, Duration refillEvery, int maxClients) {
        public Config {
            if (burst < 1 || maxClients < 1 || refillEvery == null || refillEvery.isNegative() || refillEvery.isZero()) {
                throw new IllegalArgumentException("vigil.api.auth-failure.burst and max-clients must be at least 1,"
                        + " refill-every positive");
            }
        }
    }

    private static final String SHARED = "*";

    private final Config config;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> clients = new ConcurrentHashMap<>();

    public FailedAuthLimiter(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Whether a request from {@code client} may try to authenticate now. */
    public Decision check(String client) {
        Bucket bucket = clients.get(key(client));
        if (bucket == null) {
            return new Decision.Allowed();
        }
        synchronized (bucket) {
            long now = clock.millis();
            bucket.refill(now, config);
            if (bucket.tokens >= 1) {
                return new Decision.Allowed();
            }
            // one audit row per client per window (the time an empty bucket takes to fill), not per refusal
            long window = config.refillEvery().toMillis() * config.burst();
            boolean first = !bucket.auditedWithin(now, window);
            if (first) {
                bucket.auditedAt = now;
            }
            long wait = config.refillEvery().toMillis() - (now - bucket.refilledAt);
            return new Decision.Limited(Duration.ofMillis(Math.max(1, wait)), bucket.failures, first);
        }
    }

    /** Records a failed authentication from {@code client}. */
    public void failed(String client) {
        String key = key(client);
        Bucket bucket = clients.get(key);
        if (bucket == null) {
            if (clients.size() >= config.maxClients()) {
                dropIdle();
            }
            if (clients.size() >= config.maxClients()) {
                key = SHARED;
            }
            bucket = clients.computeIfAbsent(key, k -> new Bucket(config.burst(), clock.millis()));
        }
        synchronized (bucket) {
            bucket.refill(clock.millis(), config);
            bucket.tokens = Math.max(0, bucket.tokens - 1);
            bucket.failures++;
        }
    }

    int trackedClients() {
        return clients.size();
    }

    private String key(String client) {
        String key = client == null ? "unknown" : client;
        return clients.containsKey(key) || clients.size() < config.maxClients() ? key : SHARED;
    }

    private void dropIdle() {
        long now = clock.millis();
        clients.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, config);
                return e.getValue().tokens >= config.burst()
                        && !e.getValue().auditedWithin(now, config.refillEvery().toMillis() * config.burst());
            }
        });
    }

    private static final class Bucket {
        long tokens;
        long refilledAt;
        long failures;
        long auditedAt = Long.MIN_VALUE;

        Bucket(long tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        boolean auditedWithin(long now, long window) {
            return auditedAt != Long.MIN_VALUE && now - auditedAt < window;
        }

        void refill(long now, Config config) {
            long every = config.refillEvery().toMillis();
            long earned = (now - refilledAt) / every;
            if (earned > 0) {
                tokens = Math.min(config.burst(), tokens + earned);
                refilledAt = tokens == config.burst() ? now : refilledAt + earned * every;
            }
        }
    }
}
