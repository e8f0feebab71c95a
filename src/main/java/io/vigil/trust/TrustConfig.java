package io.vigil.trust;

import io.vigil.config.VigilProperties;
import java.time.Duration;

/**
 * The trust gate's settings ({@code vigil.trust.*}), each with a default that matches
 * docs/envelope.md.
 *
 * @param maxEnvelopeBytes      larger payloads are rejected before any parsing
 * @param maxAge                an envelope issued longer ago than this is stale (SIA DC-09: 40 s)
 * @param maxFuture             an envelope issued further ahead than this is from the future (DC-09: 20 s)
 * @param redeliveredMaxAge     the age limit for late envelopes whose novelty the replay guard proves
 *                              (held by the broker or a site's store and forward during an outage) and
 *                              for broker redeliveries (DUP set): they must not turn stale
 * @param keyRefresh            how often the key cache checks the registry for changes
 * @param unknownKeyReloadEvery at most one registry reload per site this often for an unknown site or kid
 */
public record TrustConfig(int maxEnvelopeBytes, Duration maxAge, Duration maxFuture, Duration redeliveredMaxAge,
                          Duration keyRefresh, Duration unknownKeyReloadEvery, Replay replay, RejectBurst rejectBurst) {

    public TrustConfig {
        if (maxEnvelopeBytes < 64) {
            throw new IllegalArgumentException("vigil.trust.max-envelope-bytes must be at least 64");
        }
        requirePositive(maxAge, "vigil.trust.freshness.max-age");
        requirePositive(maxFuture, "vigil.trust.freshness.max-future");
        requirePositive(keyRefresh, "vigil.trust.key-refresh");
        if (redeliveredMaxAge.compareTo(maxAge) < 0) {
            throw new IllegalArgumentException("vigil.trust.freshness.redelivered-max-age must not be below max-age");
        }
    }

    /**
     * @param window        how far below a device's highest sequence number a late message may still arrive
     *                      (1..64)
     * @param maxMessageIds the most message ids remembered at once; beyond it new messages are refused
     *                      as {@code unavailable} (fail safe)
     * @param maxDevices    the most devices whose sequence state is held; a new device beyond it is refused
     *                      as {@code unavailable}
     * @param flushEvery    how often per-device sequence state is written to PostgreSQL
     */
    public record Replay(int window, int maxMessageIds, int maxDevices, Duration flushEvery) {
        public Replay {
            if (window < 1 || window > 64) {
                throw new IllegalArgumentException("vigil.trust.replay.window must be 1..64");
            }
            if (maxMessageIds < 1024) {
                throw new IllegalArgumentException("vigil.trust.replay.max-message-ids must be at least 1024");
            }
            if (maxDevices < 1) {
                throw new IllegalArgumentException("vigil.trust.replay.max-devices must be at least 1");
            }
            requirePositive(flushEvery, "vigil.trust.replay.flush-every");
        }
    }

    /** {@code threshold} rejects from one site within {@code window} raise one security alert. */
    public record RejectBurst(int threshold, Duration window) {
        public RejectBurst {
            if (threshold < 1) {
                throw new IllegalArgumentException("vigil.trust.reject-burst.threshold must be at least 1");
            }
            requirePositive(window, "vigil.trust.reject-burst.window");
        }
    }

    public static TrustConfig defaults() {
        return from(VigilProperties.of(java.util.Map.of()));
    }

    public static TrustConfig from(VigilProperties p) {
        return new TrustConfig(
                p.getInt("vigil.trust.max-envelope-bytes", 64 * 1024),
                p.getDuration("vigil.trust.freshness.max-age", Duration.ofSeconds(40)),
                p.getDuration("vigil.trust.freshness.max-future", Duration.ofSeconds(20)),
                p.getDuration("vigil.trust.freshness.redelivered-max-age", Duration.ofDays(7)),
                p.getDuration("vigil.trust.key-refresh", Duration.ofSeconds(5)),
                p.getDuration("vigil.trust.unknown-key-reload-every", Duration.ofSeconds(1)),
                new Replay(
                        p.getInt("vigil.trust.replay.window", 64),
                        p.getInt("vigil.trust.replay.max-message-ids", 2_000_000),
                        p.getInt("vigil.trust.replay.max-devices", 1_000_000),
                        p.getDuration("vigil.trust.replay.flush-every", Duration.ofSeconds(1))),
                new RejectBurst(
                        p.getInt("vigil.trust.reject-burst.threshold", 20),
                        p.getDuration("vigil.trust.reject-burst.window", Duration.ofSeconds(60))));
    }

    /** The longest an envelope may be late and still be accepted (docs/envelope.md, "Freshness and novelty"). */
    public Duration maxLate() {
        return redeliveredMaxAge;
    }

    /** How long a message id must be remembered: any replay after that is stale anyway. */
    public Duration replayHorizon() {
        return maxAge.plus(maxFuture);
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration");
        }
    }
}
