package io.vigil.trust.replay;

import io.vigil.trust.TrustConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges whether an envelope is new (docs/envelope.md, "Freshness and novelty" and "Replay"):
 * <ol>
 *   <li>a message id accepted for the site lately (a replay horizon ago at most) with the same bytes
 *       is a duplicate delivery, with other bytes a replay;</li>
 *   <li>per device, a sequence number inside the window already seen is a replay; one at or below
 *       high water - window is a replay when the envelope is fresh and unproven (the gate says
 *       stale) when it is late;</li>
 * </ol>
 * except on a broker redelivery (MQTT DUP set), which is accepted again so it keeps its event id.
 * A late envelope (older than the freshness window) is new only when its sequence number is: above
 * the high water mark or unseen inside the window. A message is marked seen when it is checked, so
 * a concurrent duplicate is caught. Per-device state is written behind to a {@link SequenceStore}
 * every {@code vigil.trust.replay.flush-every} and loaded by {@link #start()}; the gap a crash
 * leaves is closed by feeding recently accepted envelopes to {@link #recordAccepted} before
 * consuming. Safe for concurrent use.
 */
public final class ReplayGuard implements AutoCloseable {

    /**
     * What the guard made of one envelope. FRESH, DUPLICATE (id and bytes accepted before) and
     * REDELIVERED (DUP set, seen before) are acceptances; UNPROVEN is a late envelope whose sequence
     * number cannot prove it new.
     */
    public enum Outcome { FRESH, DUPLICATE, REDELIVERED, REPLAY_MESSAGE_ID, REPLAY_SEQUENCE, UNPROVEN, FULL }

    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);

    private final TrustConfig.Replay config;
    private final long maxAgeMillis;
    private final SequenceStore store;
    private final Clock clock;
    private final SipHash hash;
    private final MessageIdMemory messageIds;
    private final ConcurrentHashMap<DeviceKey, SequenceWindow> devices = new ConcurrentHashMap<>();
    private final Set<DeviceKey> dirty = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService flusher;

    public ReplayGuard(TrustConfig config, SequenceStore store, Clock clock) {
        this.config = config.replay();
        this.maxAgeMillis = config.maxAge().toMillis();
        this.store = store;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        this.hash = new SipHash(random.nextLong(), random.nextLong());
        int horizonSeconds = (int) Math.min(Integer.MAX_VALUE - 8, (config.replayHorizon().toMillis() + 999) / 1000);
        this.messageIds = new MessageIdMemory(horizonSeconds, config.replay().maxMessageIds());
    }

    /** Loads the persisted per-device state and starts the write-behind. Fails when the store is unreachable. */
    public synchronized ReplayGuard start() {
        if (flusher != null) {
            return this;
        }
        LOG.info("replay guard loaded the sequence state of {} devices", mergeStored());
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-replay-flush");
            t.setDaemon(true);
            return t;
        });
        long every = config.flushEvery().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Merges the persisted per-device state into memory (never moving a device backwards), e.g. what
     * another receiver wrote for sites this one takes over (docs/cluster.md); returns how many devices
     * were read. Fails when the store is unreachable.
     */
    public int mergeStored() {
        List<SequenceState> states = store.loadAll();
        for (SequenceState s : states) {
            SequenceWindow w = devices.computeIfAbsent(s.device(), k -> new SequenceWindow());
            synchronized (w) {
                w.merge(s.highWater(), s.windowBits());
            }
        }
        return states.size();
    }

    /**
     * Checks and, unless it is a replay, marks the envelope as seen.
     *
     * @param envelope  the bytes received: their digest tells a duplicate delivery from a replay
     * @param late      issued longer ago than the freshness window: new only if the sequence proves it
     * @param duplicate the broker's DUP flag on the delivery to the receiver
     */
    public Outcome check(String site, String device, long seq, String messageId, byte[] envelope, Instant issuedAt,
                         boolean late, boolean duplicate) {
        DeviceKey key = new DeviceKey(site, device);
        SequenceWindow w = window(key);
        if (w == null) {
            return duplicate ? Outcome.REDELIVERED : Outcome.FULL;
        }
        long id = hash.hash(site, messageId);
        long digest = hash.hash(envelope);
        long nowMillis = clock.millis();
        long nowSecond = Math.floorDiv(nowMillis, 1000);
        synchronized (w) {
            MessageIdMemory.Mark known = messageIds.find(id, digest, nowSecond);
            if (known == MessageIdMemory.Mark.SAME && !duplicate) {
                markSequence(key, w, seq);
                return Outcome.DUPLICATE;
            }
            if (known == MessageIdMemory.Mark.OTHER && !duplicate) {
                return Outcome.REPLAY_MESSAGE_ID;
            }
            SequenceWindow.Status status = w.status(seq, config.window());
            if (status != SequenceWindow.Status.NEW && !duplicate) {
                return late && status == SequenceWindow.Status.TOO_OLD ? Outcome.UNPROVEN : Outcome.REPLAY_SEQUENCE;
            }
            MessageIdMemory.Mark mark = messageIds.mark(id, digest, forgetAt(issuedAt, nowMillis), nowSecond);
            if (!duplicate) {
                if (mark == MessageIdMemory.Mark.SAME || mark == MessageIdMemory.Mark.OTHER) {
                    return Outcome.REPLAY_MESSAGE_ID; // the same id from another device of the site, concurrently
                }
                if (mark == MessageIdMemory.Mark.FULL) {
                    return Outcome.FULL;
                }
            }
            markSequence(key, w, seq);
            return status == SequenceWindow.Status.NEW && known == MessageIdMemory.Mark.ADDED
                    ? Outcome.FRESH : Outcome.REDELIVERED;
        }
    }

    /**
     * The message-id rule alone, for signals whose sequence numbers are not monotonic (the 4-digit
     * DC-09 sequence wraps) or absent: a replay is an id seen within the freshness horizon, after
     * which freshness refuses the signal anyway.
     */
    public Outcome checkMessageId(String site, String messageId, byte[] payload, Instant issuedAt, boolean duplicate) {
        long nowMillis = clock.millis();
        MessageIdMemory.Mark mark = messageIds.mark(hash.hash(site, messageId), hash.hash(payload),
                forgetAt(issuedAt, nowMillis), Math.floorDiv(nowMillis, 1000));
        if (duplicate) {
            return Outcome.REDELIVERED;
        }
        return switch (mark) {
            case ADDED -> Outcome.FRESH;
            case SAME -> Outcome.DUPLICATE;
            case OTHER -> Outcome.REPLAY_MESSAGE_ID;
            case FULL -> Outcome.FULL;
        };
    }

    /**
     * Records an envelope accepted earlier (by this or another receiver, e.g. read back from the
     * accepted topic after a restart) without judging it. Idempotent, any order.
     */
    public void recordAccepted(String site, String device, long seq, String messageId, byte[] envelope, Instant issuedAt) {
        DeviceKey key = new DeviceKey(site, device);
        SequenceWindow w = window(key);
        if (w == null) {
            return;
        }
        long nowMillis = clock.millis();
        synchronized (w) {
            messageIds.mark(hash.hash(site, messageId), hash.hash(envelope), forgetAt(issuedAt, nowMillis),
                    Math.floorDiv(nowMillis, 1000));
            markSequence(key, w, seq);
        }
    }

    /** Writes the state of every device changed since the last flush; returns how many. */
    public int flush() {
        List<SequenceState> batch = new ArrayList<>();
        List<DeviceKey> keys = new ArrayList<>(dirty);
        for (DeviceKey key : keys) {
            SequenceWindow w = devices.get(key);
            if (w == null) {
                dirty.remove(key);
                continue;
            }
            synchronized (w) {
                dirty.remove(key);
                w.dirty = false;
                batch.add(new SequenceState(key, w.highWater, w.bits));
            }
        }
        try {
            store.save(batch);
        } catch (RuntimeException e) {
            for (SequenceState s : batch) {
                SequenceWindow w = devices.get(s.device());
                synchronized (w) {
                    if (!w.dirty) {
                        w.dirty = true;
                        dirty.add(s.device());
                    }
                }
            }
            throw e;
        }
        return batch.size();
    }

    /** How many message ids are remembered now (for metrics). */
    public int rememberedMessageIds() {
        return messageIds.size();
    }

    public int trackedDevices() {
        return devices.size();
    }

    private SequenceWindow window(DeviceKey key) {
        SequenceWindow w = devices.get(key);
        if (w != null) {
            return w;
        }
        if (devices.size() >= config.maxDevices()) {
            return null;
        }
        return devices.computeIfAbsent(key, k -> new SequenceWindow());
    }

    private void markSequence(DeviceKey key, SequenceWindow w, long seq) {
        boolean wasDirty = w.dirty;
        w.mark(seq);
        if (!wasDirty) {
            dirty.add(key);
        }
    }

    /**
     * The second after which the id is forgotten: a freshness window after it was issued or, for a
     * late envelope, after it was accepted (rounded up, plus one of slack). From then on the sequence
     * rule alone catches a replay.
     */
    private long forgetAt(Instant issuedAt, long nowMillis) {
        long millis = Math.max(issuedAt.getEpochSecond() * 1000 + issuedAt.getNano() / 1_000_000, nowMillis) + maxAgeMillis;
        return Math.floorDiv(millis + 999, 1000) + 1;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("device sequence flush failed, {} devices stay pending: {}", dirty.size(), e.getMessage());
        }
    }

    /** Stops the write-behind and flushes what is pending. */
    @Override
    public synchronized void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flusher = null;
        }
        flushQuietly();
    }
}
