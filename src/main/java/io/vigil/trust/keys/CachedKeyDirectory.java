package io.vigil.trust.keys;

import io.vigil.trust.TrustConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot path's view of the key registry: every site and parsed key in memory. It stays current
 * three ways (docs/envelope.md, "Key rotation and revocation"):
 * <ul>
 *   <li>a poll every {@code vigil.trust.key-refresh} reads the registry's change counter and reloads
 *       everything when it moved — the bound on how long a revocation can take;</li>
 *   <li>{@link #requestRefresh()}, called by {@link KeyChangeListener} on a PostgreSQL NOTIFY, runs
 *       the same check at once;</li>
 *   <li>an unknown site or kid reloads that one site, at most once per
 *       {@code vigil.trust.unknown-key-reload-every} per site, so a fresh enrolment works at once.</li>
 * </ul>
 */
public final class CachedKeyDirectory implements KeyDirectory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachedKeyDirectory.class);
    /** Rate-limit bookkeeping is dropped past this many sites: it only ever delays a reload by one interval. */
    private static final int MAX_TRACKED_RELOADS = 10_000;

    private final KeyRegistry registry;
    private final KeyEncryptionKey kek;
    private final Duration pollEvery;
    private final long siteReloadEveryNanos;
    private final Clock clock;
    private final Map<String, Long> lastSiteReload = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Object refreshLock = new Object();
    private volatile ConcurrentHashMap<String, SiteKeys> sites = new ConcurrentHashMap<>();
    private volatile long loadedVersion = Long.MIN_VALUE;
    private volatile Map<String, String> dc09Accounts = Map.of();
    private ScheduledExecutorService scheduler;

    public CachedKeyDirectory(KeyRegistry registry, TrustConfig config, Clock clock) {
        this(registry, config, clock, null);
    }

    /** With the key-encryption key that unwraps the secrets of dc09-aes and owntracks-secret sites (may be null). */
    public CachedKeyDirectory(KeyRegistry registry, TrustConfig config, Clock clock, KeyEncryptionKey kek) {
        this.registry = registry;
        this.kek = kek;
        this.pollEvery = config.keyRefresh();
        this.siteReloadEveryNanos = config.unknownKeyReloadEvery().toNanos();
        this.clock = clock;
    }

    /** Loads every key (failing when the registry is unreachable: nothing could be verified) and starts polling. */
    public synchronized CachedKeyDirectory start() {
        if (scheduler != null) {
            return this;
        }
        refresh();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-key-refresh");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, pollEvery.toMillis(), pollEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public SiteKeys site(String siteId) {
        return sites.get(siteId);
    }

    @Override
    public SiteKeys reloadSite(String siteId) {
        long now = clock.millis() * 1_000_000L;
        Long last = lastSiteReload.get(siteId);
        if (last != null && now - last < siteReloadEveryNanos) {
            return sites.get(siteId);
        }
        if (lastSiteReload.size() > MAX_TRACKED_RELOADS) {
            lastSiteReload.clear();
        }
        lastSiteReload.put(siteId, now);
        ConcurrentHashMap<String, SiteKeys> current = sites;
        var loaded = registry.loadSite(siteId);
        if (loaded.isEmpty()) {
            current.remove(siteId);
            return null;
        }
        SiteKeys keys = SiteKeys.of(loaded.get().site(), loaded.get().keys(), loaded.get().secrets(), kek);
        current.put(siteId, keys);
        return keys;
    }

    /** Reloads everything when the registry's version moved; true when it did. */
    public boolean refresh() {
        synchronized (refreshLock) {
            long version = registry.version();
            if (version == loadedVersion) {
                return false;
            }
            RegistrySnapshot snapshot = registry.loadAll();
            Map<String, List<SiteKeyRecord>> keysBySite = new HashMap<>();
            snapshot.keys().forEach(k -> keysBySite.computeIfAbsent(k.siteId(), id -> new ArrayList<>()).add(k));
            Map<String, List<SiteSecretRecord>> secretsBySite = new HashMap<>();
            snapshot.secrets().forEach(k -> secretsBySite.computeIfAbsent(k.siteId(), id -> new ArrayList<>()).add(k));
            ConcurrentHashMap<String, SiteKeys> next = new ConcurrentHashMap<>(snapshot.sites().size() * 2);
            for (SiteRecord site : snapshot.sites()) {
                next.put(site.id(), SiteKeys.of(site, keysBySite.getOrDefault(site.id(), List.of()),
                        secretsBySite.getOrDefault(site.id(), List.of()), kek));
            }
            sites = next;
            dc09Accounts = Map.copyOf(snapshot.dc09Accounts());
            loadedVersion = snapshot.version();
            LOG.debug("key registry version {} loaded: {} sites, {} keys", snapshot.version(), next.size(),
                    snapshot.keys().size());
            return true;
        }
    }

    /** Asks for a refresh on the refresh thread as soon as possible; repeated calls coalesce. */
    public void requestRefresh() {
        ScheduledExecutorService s = scheduler;
        if (s != null && refreshQueued.compareAndSet(false, true)) {
            try {
                s.execute(() -> {
                    refreshQueued.set(false);
                    refreshQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refreshQueued.set(false);
            }
        }
    }

    public long loadedVersion() {
        return loadedVersion;
    }

    /** Every site as loaded at {@link #loadedVersion()} (for indexes by something other than the site id). */
    /** Each registered DC-09 account and its site, at the loaded version (with or without a key). */
    public Map<String, String> dc09Accounts() {
        return dc09Accounts;
    }

    public java.util.Collection<SiteKeys> sites() {
        return java.util.Collections.unmodifiableCollection(sites.values());
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("key registry refresh failed, keeping the keys loaded at version {}: {}", loadedVersion,
                    e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
