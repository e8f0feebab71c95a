package io.vigil.supervision;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Heartbeat supervision of up to ten million sites in one node (EN 50136 ATS supervision): every
 * registered site must send a heartbeat before last heartbeat + interval + grace; a site that does
 * not is reported once by {@link #advance} as {@link Missed}, and its next heartbeat restores it.
 *
 * <p>State is held in primitive per-slot arrays (see docs/supervision.md for the layout and its
 * cost per site); there is no object per site. Pending deadlines live in a {@link DeadlineWheel},
 * so {@code advance} costs the buckets that time has passed plus the sites that are due, whatever
 * the number of supervised sites.
 *
 * <p>Threading: every public method takes one lock and is thread-safe. The intended use is one
 * writer (the heartbeat consumer thread), a scheduler calling {@link #advance} every 100-250 ms,
 * occasional registrations, and {@link SupervisionSnapshot} copying state in short chunks. Each
 * call is O(1) except {@code advance}, which is bounded by {@link SupervisionConfig#maxMissesPerAdvance}.
 *
 * <p>Times come from the injected clock ({@link InstantSource}); heartbeat times should be the
 * receiver's accept time, not the site's clock, and are never taken as later than the clock's now.
 */
public final class SupervisionEngine {

    static final long NEVER = Long.MIN_VALUE;

    // Interval (ms, at most 25 h < 2^27) and flags share one int per site: at 10 M sites each byte is 10 MB.
    private static final int INTERVAL_MASK = (1 << 27) - 1;
    private static final int OVERRIDDEN = 1 << 27;
    private static final int IN_FAILURE = 1 << 28;
    private static final int LIVE = 1 << 29;

    private final SupervisionConfig config;
    private final InstantSource clock;
    private final int defaultIntervalMillis;
    private final long graceMillis;
    private final long restartAllowanceMillis;
    private final ReentrantLock lock = new ReentrantLock();

    private final SiteIndex index;
    private final PagedInts settings = new PagedInts(0);
    private final PagedLongs lastHeartbeats = new PagedLongs(NEVER);
    private final PagedLongs deadlines = new PagedLongs(0);
    private final DeadlineWheel wheel;
    private int sitesInFailure;

    public SupervisionEngine(SupervisionConfig config, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultIntervalMillis = (int) config.defaultInterval().toMillis();
        this.graceMillis = config.grace().toMillis();
        this.restartAllowanceMillis = config.restartAllowance().toMillis();
        this.index = new SiteIndex(config.expectedSites());
        this.wheel = new DeadlineWheel(deadlines, clock.millis());
    }

    public SupervisionConfig config() {
        return config;
    }

    InstantSource clock() {
        return clock;
    }

    /**
     * Supervises a site with the default interval (dropping an interval of its own if it had one).
     * A new site must send its first heartbeat within interval + grace from now.
     *
     * @return true if the site was not supervised before
     */
    public boolean register(String siteId) {
        return register(siteId, defaultIntervalMillis, false);
    }

    /**
     * Supervises a site with an interval of its own. Changing the interval of a healthy site moves
     * its pending deadline by the difference; a site in failure stays in failure.
     *
     * @return true if the site was not supervised before
     */
    public boolean register(String siteId, Duration interval) {
        SupervisionConfig.requireInterval(interval, "site interval");
        return register(siteId, (int) interval.toMillis(), true);
    }

    /** @return true if the site was supervised; a site in failure leaves without being restored */
    public boolean unregister(String siteId) {
        SiteIds.requireValid(siteId);
        lock.lock();
        try {
            int slot = index.find(siteId);
            if (slot == SiteIndex.NOT_FOUND) {
                return false;
            }
            if (isInFailure(settings.get(slot))) {
                sitesInFailure--;
            }
            wheel.cancel(slot);
            settings.set(slot, 0);
            index.remove(slot);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that a site was heard from at {@code at}. Redelivered or reordered heartbeats never
     * move a deadline backwards.
     */
    public HeartbeatOutcome heartbeat(String siteId, Instant at) {
        SiteIds.requireValid(siteId);
        Objects.requireNonNull(at, "at");
        lock.lock();
        try {
            int slot = index.find(siteId);
            if (slot == SiteIndex.NOT_FOUND) {
                return new HeartbeatOutcome.Unknown(siteId);
            }
            long now = clock.millis();
            long heard = Math.min(at.toEpochMilli(), now);
            long last = Math.max(heard, lastHeartbeats.get(slot));
            lastHeartbeats.set(slot, last);
            int word = settings.get(slot);
            long earned = last + intervalMillis(word) + graceMillis;
            long deadline = deadlines.get(slot);
            if (isInFailure(word)) {
                if (earned <= now) {
                    return new HeartbeatOutcome.Stale(siteId, Instant.ofEpochMilli(deadline), Instant.ofEpochMilli(heard));
                }
                settings.set(slot, word & ~IN_FAILURE);
                sitesInFailure--;
                deadlines.set(slot, earned);
                wheel.schedule(slot);
                return new HeartbeatOutcome.Restored(siteId, Instant.ofEpochMilli(deadline), Instant.ofEpochMilli(heard));
            }
            if (earned > deadline) {
                deadlines.set(slot, earned);
                wheel.reschedule(slot);
                deadline = earned;
            }
            return new HeartbeatOutcome.Ok(siteId, Instant.ofEpochMilli(deadline));
        } finally {
            lock.unlock();
        }
    }

    /** {@link #advance(Instant)} at the clock's now. */
    public List<Missed> advance() {
        return advance(clock.instant());
    }

    /**
     * Reports the sites whose deadline passed, each once. A deadline is seen once the 128 ms wheel
     * bucket holding it has ended, so calling this every 250 ms reports a miss at most ~400 ms late.
     * At most {@link SupervisionConfig#maxMissesPerAdvance} are returned; the rest come next call.
     */
    public List<Missed> advance(Instant now) {
        long nowMillis = now.toEpochMilli();
        lock.lock();
        try {
            List<Missed> missed = new ArrayList<>();
            wheel.expire(nowMillis, config.maxMissesPerAdvance(), slot -> {
                settings.set(slot, settings.get(slot) | IN_FAILURE);
                sitesInFailure++;
                missed.add(new Missed(index.id(slot), Instant.ofEpochMilli(deadlines.get(slot)), lastHeartbeat(slot)));
            });
            return missed;
        } finally {
            lock.unlock();
        }
    }

    public Optional<SiteStatus> status(String siteId) {
        SiteIds.requireValid(siteId);
        lock.lock();
        try {
            int slot = index.find(siteId);
            if (slot == SiteIndex.NOT_FOUND) {
                return Optional.empty();
            }
            int word = settings.get(slot);
            return Optional.of(new SiteStatus(siteId, Duration.ofMillis(intervalMillis(word)), (word & OVERRIDDEN) != 0,
                    lastHeartbeat(slot), Instant.ofEpochMilli(deadlines.get(slot)), isInFailure(word)));
        } finally {
            lock.unlock();
        }
    }

    public SupervisionStats stats() {
        lock.lock();
        try {
            return new SupervisionStats(index.size(), sitesInFailure, wheel.bucketsVisited(), wheel.sitesVisited());
        } finally {
            lock.unlock();
        }
    }

    /** Receives one site's state from {@link #exportSites}; {@code id} is reused between calls. */
    interface SiteSink {
        void site(byte[] id, int idLength, boolean inFailure, boolean intervalOverridden, int intervalMillis,
                  long lastHeartbeat, long deadline);
    }

    /** Slots below this limit hold every site; {@link #exportSites} walks them in chunks. */
    int slotLimit() {
        lock.lock();
        try {
            return index.slotLimit();
        } finally {
            lock.unlock();
        }
    }

    /** Hands the sites in slots [fromSlot, toSlot) to {@code sink}, under the lock. */
    void exportSites(int fromSlot, int toSlot, SiteSink sink) {
        byte[] id = new byte[SiteIds.MAX_LENGTH];
        lock.lock();
        try {
            int end = Math.min(toSlot, index.slotLimit());
            for (int slot = fromSlot; slot < end; slot++) {
                int word = settings.get(slot);
                if ((word & LIVE) != 0) {
                    int length = index.copyId(slot, id);
                    sink.site(id, length, isInFailure(word), (word & OVERRIDDEN) != 0, intervalMillis(word),
                            lastHeartbeats.get(slot), deadlines.get(slot));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Re-creates a site from a snapshot taken before a restart at {@code restartMillis}, applying
     * the restart rule: a site in failure stays in failure and is not reported again; a healthy
     * site keeps the deadline its last heartbeat earned, but no earlier than restart +
     * min(interval, restart allowance) + grace, because heartbeats sent while the receiver was
     * down or after the snapshot may never arrive. A site whose interval was the default takes
     * today's default.
     *
     * @throws IllegalArgumentException if the site is already present
     */
    void restoreSite(String siteId, boolean inFailure, boolean intervalOverridden, int intervalMillis,
                     long lastHeartbeat, long deadline, long restartMillis) {
        SiteIds.requireValid(siteId);
        lock.lock();
        try {
            if (index.find(siteId) != SiteIndex.NOT_FOUND) {
                throw new IllegalArgumentException("a site appears twice");
            }
            int interval = intervalOverridden ? intervalMillis : defaultIntervalMillis;
            int slot = add(siteId, interval, intervalOverridden);
            lastHeartbeats.set(slot, lastHeartbeat);
            if (inFailure) {
                settings.set(slot, settings.get(slot) | IN_FAILURE);
                sitesInFailure++;
                deadlines.set(slot, deadline);
                return;
            }
            long earned = lastHeartbeat == NEVER ? deadline : lastHeartbeat + interval + graceMillis;
            long allowed = restartMillis + Math.min(interval, restartAllowanceMillis) + graceMillis;
            deadlines.set(slot, Math.max(earned, allowed));
            wheel.schedule(slot);
        } finally {
            lock.unlock();
        }
    }

    private boolean register(String siteId, int intervalMillis, boolean overridden) {
        SiteIds.requireValid(siteId);
        lock.lock();
        try {
            int slot = index.find(siteId);
            if (slot == SiteIndex.NOT_FOUND) {
                slot = add(siteId, intervalMillis, overridden);
                deadlines.set(slot, clock.millis() + intervalMillis + graceMillis);
                wheel.schedule(slot);
                return true;
            }
            int word = settings.get(slot);
            settings.set(slot, (word & IN_FAILURE) | LIVE | (overridden ? OVERRIDDEN : 0) | intervalMillis);
            if (!isInFailure(word) && intervalMillis != intervalMillis(word)) {
                deadlines.set(slot, deadlines.get(slot) + intervalMillis - intervalMillis(word));
                wheel.reschedule(slot);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a slot for a new, healthy, never-heard-from site; the caller sets its deadline. */
    private int add(String siteId, int intervalMillis, boolean overridden) {
        int slot = index.add(siteId);
        int slots = index.slotLimit();
        settings.ensureCapacity(slots);
        lastHeartbeats.ensureCapacity(slots);
        deadlines.ensureCapacity(slots);
        wheel.ensureCapacity(slots);
        settings.set(slot, LIVE | (overridden ? OVERRIDDEN : 0) | intervalMillis);
        lastHeartbeats.set(slot, NEVER);
        return slot;
    }

    private Optional<Instant> lastHeartbeat(int slot) {
        long last = lastHeartbeats.get(slot);
        return last == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
    }

    private static int intervalMillis(int word) {
        return word & INTERVAL_MASK;
    }

    private static boolean isInFailure(int word) {
        return (word & IN_FAILURE) != 0;
    }
}
