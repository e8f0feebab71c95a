package io.vigil.cluster;

import io.vigil.db.WriteFence;
import io.vigil.support.LogSafe;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this process holds in the cluster (docs/cluster.md): the singleton lease and its share of the
 * MQTT receiver slots, renewed every {@link ClusterConfig#renewEvery()} on a thread of its own. The
 * process believes it holds a lease until a lease duration less one renewal interval after the start
 * of its last successful renewal, on its own monotonic clock, so it stops acting before another node
 * can take the lease. Listeners hear of every lease gained and lost (a slot's route starts or stops)
 * on the renewal thread and must not block it. Renewals use a connection pool of their own, so that
 * busy stages cannot keep the node from renewing.
 */
public final class NodeLeases implements AutoCloseable {

    /** The lease of the singletons: outbox relay, escalation timers, supervision ticks. */
    public static final String SINGLETON = "singleton";

    /** Slot n's lease is this + n. */
    public static final String SLOT_PREFIX = "mqtt-slot-";

    /** Told when this process gains or loses a lease; called on the renewal thread, one at a time. */
    public interface Listener {
        void gained(String lease, long token);

        void lost(String lease);
    }

    private record Held(long token, long believedUntilNanos) {}

    private static final Logger LOG = LoggerFactory.getLogger(NodeLeases.class);

    private final ClusterConfig config;
    private final LeaseStore store;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final long beliefNanos;
    private ScheduledExecutorService renewer;
    private volatile int liveNodes = 1;

    private NodeLeases(ClusterConfig config, DataSource dataSource) {
        this.config = config;
        this.store = new LeaseStore(dataSource, config.cluster(), config.nodeId(), UUID.randomUUID(), config.leaseDuration());
        this.beliefNanos = config.leaseDuration().minus(config.renewEvery()).toNanos();
    }

    /**
     * Registers the node, takes what it can at once (a single node holds everything when this
     * returns) and starts renewing. Fails when another process runs under the same node id.
     */
    public static NodeLeases start(ClusterConfig config, DataSource dataSource) throws SQLException, InterruptedException {
        NodeLeases leases = new NodeLeases(config, dataSource);
        leases.register();
        leases.renewRound();
        leases.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-cluster-leases");
            t.setDaemon(true);
            return t;
        });
        long every = config.renewEvery().toMillis();
        leases.renewer.scheduleWithFixedDelay(leases::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        LOG.info("cluster: node {} holds {}", LogSafe.quote(config.nodeId()), leases.held.keySet());
        return leases;
    }

    /**
     * A process of this node id killed a moment ago looks alive until its last renewal is a lease
     * duration old: wait that long (and one renewal more) before calling the id taken.
     */
    private void register() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + config.leaseDuration().plus(config.renewEvery()).toNanos();
        while (!store.registerNode()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new NodeIdInUseException(config.nodeId(), config.leaseDuration());
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(500, config.renewEvery().toMillis()));
        }
    }

    /** Adds a listener and tells it of the leases already held (on the caller's thread). */
    public void listen(Listener listener) {
        synchronized (this) {
            listeners.add(listener);
            held.forEach((name, h) -> listener.gained(name, h.token()));
        }
    }

    public ClusterConfig config() {
        return config;
    }

    /** Whether this process may act as the holder of the lease now. */
    public boolean holds(String lease) {
        Held h = held.get(lease);
        return h != null && System.nanoTime() - h.believedUntilNanos < 0;
    }

    /** Nodes that renewed within a lease duration, as of the last renewal round (this one included). */
    public int liveNodes() {
        return liveNodes;
    }

    public boolean holdsSingleton() {
        return holds(SINGLETON);
    }

    /**
     * The fence of the lease's writes: in the writing transaction, passes only while this process
     * holds the lease with the token it believes it holds.
     */
    public WriteFence fence(String lease) {
        return connection -> {
            Held h = held.get(lease);
            if (h == null || System.nanoTime() - h.believedUntilNanos >= 0) {
                throw new LeaseLostException(lease, h == null ? 0 : h.token());
            }
            store.fence(connection, lease, h.token());
        };
    }

    /** The name of slot n's lease. */
    public static String slotLease(int slot) {
        return SLOT_PREFIX + slot;
    }

    private void renewQuietly() {
        try {
            renewRound();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cluster: lease renewal failed, retrying in {}: {}", config.renewEvery(), LogSafe.quote(e.getMessage()));
            dropExpiredBeliefs();
        }
    }

    private synchronized void renewRound() throws SQLException {
        dropExpiredBeliefs();
        store.touchNode();
        keep(SINGLETON);
        int nodes = Math.max(1, store.liveNodes());
        liveNodes = nodes;
        int fairShare = (config.receiverSlots() + nodes - 1) / nodes;
        List<Integer> mine = new ArrayList<>();
        for (int slot = 1; slot <= config.receiverSlots(); slot++) {
            if (held.containsKey(slotLease(slot))) {
                mine.add(slot);
            }
        }
        for (int slot : List.copyOf(mine)) {
            if (!keep(slotLease(slot))) {
                mine.remove(Integer.valueOf(slot));
            }
        }
        // more than a fair share: stop renewing the highest slots; their routes stop now, and another
        // node takes them when they expire (a release here could let it in before the route stopped)
        while (mine.size() > fairShare) {
            lose(slotLease(mine.remove(mine.size() - 1)));
        }
        for (int slot = 1; slot <= config.receiverSlots() && mine.size() < fairShare; slot++) {
            if (!mine.contains(slot) && keep(slotLease(slot))) {
                mine.add(slot);
            }
        }
    }

    /** Renews a held lease or tries to take a free one; returns whether this process holds it now. */
    private boolean keep(String lease) throws SQLException {
        long start = System.nanoTime();
        Held h = held.get(lease);
        OptionalLong token = h != null ? store.renew(lease, h.token()) : store.tryAcquire(lease);
        if (token.isEmpty()) {
            if (h != null) {
                lose(lease);
            }
            return false;
        }
        held.put(lease, new Held(token.getAsLong(), start + beliefNanos));
        if (h == null) {
            LOG.info("cluster: node {} took lease {} (token {})", LogSafe.quote(config.nodeId()), lease, token.getAsLong());
            listeners.forEach(l -> l.gained(lease, token.getAsLong()));
        }
        return true;
    }

    private synchronized void dropExpiredBeliefs() {
        long now = System.nanoTime();
        held.forEach((lease, h) -> {
            if (now - h.believedUntilNanos >= 0) {
                lose(lease);
            }
        });
    }

    private void lose(String lease) {
        if (held.remove(lease) != null) {
            LOG.warn("cluster: node {} no longer holds lease {}", LogSafe.quote(config.nodeId()), lease);
            listeners.forEach(l -> l.lost(lease));
        }
    }

    /** Stops renewing and hands every lease back, after the listeners stopped what they ran under it. */
    @Override
    public synchronized void close() {
        if (renewer != null) {
            renewer.shutdownNow();
        }
        List<String> names = new ArrayList<>(held.keySet());
        names.forEach(this::lose);
        try {
            store.release(names);
            store.stopNode();
        } catch (SQLException e) {
            LOG.warn("cluster: could not release leases {}, they expire in {}", names, config.leaseDuration());
        }
    }
}
