package io.vigil.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Raises a {@link SecurityAlert} when a site's rejects reach {@code threshold} within a sliding
 * {@code window}, then stays quiet for that site for one window. Memory per site is at most
 * {@code threshold} timestamps; idle sites are dropped. Safe for concurrent use.
 */
public final class RejectBurstDetector {

    private static final int SWEEP_EVERY = 4096;

    private final int threshold;
    private final Duration window;
    private final ConcurrentHashMap<String, SiteRejects> sites = new ConcurrentHashMap<>();
    private int recordsSinceSweep;

    public RejectBurstDetector(TrustConfig.RejectBurst config) {
        this.threshold = config.threshold();
        this.window = config.window();
    }

    public Optional<SecurityAlert> record(String site, RejectReason reason, Instant at) {
        if (site == null) {
            return Optional.empty();
        }
        maybeSweep(at);
        SiteRejects rejects = sites.computeIfAbsent(site, s -> new SiteRejects());
        synchronized (rejects) {
            Instant windowStart = at.minus(window);
            while (!rejects.events.isEmpty() && !rejects.events.peekFirst().at.isAfter(windowStart)) {
                rejects.events.pollFirst();
            }
            if (rejects.events.size() == threshold) {
                rejects.events.pollFirst();
            }
            rejects.events.addLast(new Reject(at, reason));
            rejects.lastAt = at;
            boolean quiet = rejects.alertedAt != null && at.isBefore(rejects.alertedAt.plus(window));
            if (rejects.events.size() < threshold || quiet) {
                return Optional.empty();
            }
            rejects.alertedAt = at;
            Map<String, Integer> reasons = new TreeMap<>();
            rejects.events.forEach(r -> reasons.merge(r.reason.code(), 1, Integer::sum));
            return Optional.of(new SecurityAlert(site, rejects.events.size(), Map.copyOf(reasons),
                    rejects.events.peekFirst().at, at, window));
        }
    }

    int trackedSites() {
        return sites.size();
    }

    private void maybeSweep(Instant at) {
        boolean sweep;
        synchronized (this) {
            sweep = ++recordsSinceSweep >= SWEEP_EVERY;
            if (sweep) {
                recordsSinceSweep = 0;
            }
        }
        if (sweep) {
            Instant idleBefore = at.minus(window.multipliedBy(2));
            sites.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().lastAt.isBefore(idleBefore);
                }
            });
        }
    }

    private record Reject(Instant at, RejectReason reason) {}

    private static final class SiteRejects {
        final ArrayDeque<Reject> events = new ArrayDeque<>();
        Instant lastAt = Instant.MIN;
        Instant alertedAt;
    }
}
