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
 * Refuses envelopes seen before (docs/envelope.md, "Replay"):
 * <ol>
 *   <li>a message id accepted for the site within the freshness horizon;</li>
 *   <li>per device, a sequence number at or below high water - window, or one inside the window
 *       already seen;</li>
 * </ol>
 * except on a broker redelivery (MQTT DUP set), which is accepted again so it keeps its event id.
 * A message is marked seen when it is checked, so a concurrent duplicate is caught. Per-device
 * state is written behind to a {@link SequenceStore} every {@code vigil.trust.replay.flush-every}
 * and loaded by {@link #start()}; the gap a crash leaves is closed by feeding recently accepted
 * envelopes to {@link #recordAccepted} before consuming. Safe for concurrent use.
 */
public final class ReplayGuard implements AutoCloseable {

    /** What the guard made of one envelope. Only FRESH and REDELIVERED are acceptances. */
    public enum Outcome { FRESH, REDELIVERED, REPLAY_MESSAGE_ID, REPLAY_SEQUENCE, FULL }

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
        List<SequenceState> states = store.loadAll();
        for (SequenceState s : states) {
            SequenceWindow w = devices.computeIfAbsent(s.device(), k -> new SequenceWindow());
            synchronized (w) {
                w.merge(s.highWater(), s.windowBits());
            }
        }
        LOG.info("replay guard loaded the sequence state of {} devices", states.size());
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-replay-flush");
            t.setDaemon(true);
            return t;
        });
        long every = config.flushEvery().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Checks and, unless it is a replay, marks the envelope as seen. */
    public Outcome check(String site, String device, long seq, String messageId, Instant issuedAt, boolean duplicate) {
        DeviceKey key = new DeviceKey(site, device);
        SequenceWindow w = window(key);
        if (w == null) {
            return duplicate ? Outcome.REDELIVERED : Outcome.FULL;
        }
        long nowSecond = Math.floorDiv(clock.millis(), 1000);
        synchronized (w) {
            SequenceWindow.Status status = w.status(seq, config.window());
            if (status != SequenceWindow.Status.NEW && !duplicate) {
                return Outcome.REPLAY_SEQUENCE;
            }
            MessageIdMemory.Mark mark = messageIds.mark(hash.hash(site, messageId), forgetAt(issuedAt), nowSecond);
            if (!duplicate) {
                if (mark == MessageIdMemory.Mark.SEEN) {
                    return Outcome.REPLAY_MESSAGE_ID;
                }
                if (mark == MessageIdMemory.Mark.FULL) {
                    return Outcome.FULL;
                }
            }
            markSequence(key, w, seq);
            return status == SequenceWindow.Status.NEW && mark != MessageIdMemory.Mark.SEEN
                    ? Outcome.FRESH : Outcome.REDELIVERED;
        }
    }

    /**
     * The message-id rule alone, for signals whose sequence numbers are not monotonic (the 4-digit
     * DC-09 sequence wraps) or absent: a replay is an id seen within the freshness horizon, after
     * which freshness refuses the signal anyway.
     */
    public Outcome checkMessageId(String site, String messageId, Instant issuedAt, boolean duplicate) {
        long nowSecond = Math.floorDiv(clock.millis(), 1000);
        MessageIdMemory.Mark mark = messageIds.mark(hash.hash(site, messageId), forgetAt(issuedAt), nowSecond);
        if (mark == MessageIdMemory.Mark.SEEN) {
            return duplicate ? Outcome.REDELIVERED : Outcome.REPLAY_MESSAGE_ID;
        }
        if (mark == MessageIdMemory.Mark.FULL && !duplicate) {
            return Outcome.FULL;
        }
        return Outcome.FRESH;
    }

    /**
     * Records an envelope accepted earlier (by this or another receiver, e.g. read back from the
     * accepted topic after a restart) without judging it. Idempotent, any order.
     */
    public void recordAccepted(String site, String device, long seq, String messageId, Instant issuedAt) {
        DeviceKey key = new DeviceKey(site, device);
        SequenceWindow w = window(key);
        if (w == null) {
            return;
        }
        long nowSecond = Math.floorDiv(clock.millis(), 1000);
        synchronized (w) {
            messageIds.mark(hash.hash(site, messageId), forgetAt(issuedAt), nowSecond);
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

    /** The second after which a replay of this envelope would be stale anyway (rounded up, plus one of slack). */
    private long forgetAt(Instant issuedAt) {
        long millis = issuedAt.getEpochSecond() * 1000 + issuedAt.getNano() / 1_000_000 + maxAgeMillis;
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
