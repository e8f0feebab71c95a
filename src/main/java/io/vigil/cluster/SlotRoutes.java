package io.vigil.cluster;

import io.vigil.support.LogSafe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel adapter of the MQTT receiver slots (docs/cluster.md, "MQTT receiver slots"): for every slot
 * lease this node gains, a route from the {@code ingest} template with the slot's client id and the
 * full subscription (clean start false: it takes over the slot's session and its unacknowledged
 * messages; {@link SlotOwnershipProcessor} keeps the slot's own sites); for every slot
 * lease it loses, the route stops (in-flight exchanges get a renewal interval to finish; the rest
 * stays unacknowledged in the session for the next holder) and is removed. Starting a route waits
 * for the broker, so it runs on a thread of its own and retries while the lease is held; stopping
 * runs on the renewal thread, so a slot handed back is stopped before its lease is released.
 */
public final class SlotRoutes implements NodeLeases.Listener, AutoCloseable {

    /** The template in routes/ingest.camel.yaml. */
    static final String TEMPLATE = "ingest";

    private static final Logger LOG = LoggerFactory.getLogger(SlotRoutes.class);

    private final CamelContext camel;
    private final NodeLeases leases;
    private final String singleClientId;
    private final String topic;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-cluster-slots");
        t.setDaemon(true);
        return t;
    });
    private final List<Future<?>> starting = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param singleClientId the client id of the only slot when there is one ({@code vigil.mqtt.client-id})
     * @param topic          the subscription ({@code vigil.mqtt.topic}, comma-separated filters)
     */
    public SlotRoutes(CamelContext camel, NodeLeases leases, String singleClientId, String topic) {
        this.camel = camel;
        this.leases = leases;
        this.singleClientId = singleClientId;
        this.topic = topic;
    }

    /** The route id of slot n: {@code ingest} when there is one slot, as before there were slots. */
    public String routeId(int slot) {
        return slots() == 1 ? TEMPLATE : TEMPLATE + "-slot-" + slot;
    }

    /** Slot n's MQTT client id. */
    public String clientId(int slot) {
        return slots() == 1 ? singleClientId : leases.config().slotClientIdPrefix() + slot;
    }


    @Override
    public void gained(String lease, long token) {
        int slot = slotOf(lease);
        if (slot > 0 && !closed) {
            synchronized (starting) {
                starting.add(starter.submit(() -> startWhileHeld(lease, slot)));
            }
        }
    }

    /**
     * Waits until the slots gained so far have started (or stopped trying), at most this long: the
     * receiver's start returns with its sessions subscribed, as it did with one fixed route.
     */
    public void awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<?>> pending;
        synchronized (starting) {
            pending = new ArrayList<>(starting);
            starting.clear();
        }
        for (Future<?> f : pending) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("cluster: a slot has not started yet ({}); it keeps trying", LogSafe.quote(String.valueOf(e)));
            }
        }
    }

    @Override
    public synchronized void lost(String lease) {
        int slot = slotOf(lease);
        if (closed || slot <= 0 || camel.getRoute(routeId(slot)) == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(routeId(slot), leases.config().renewEvery().toMillis(), TimeUnit.MILLISECONDS);
            camel.removeRoute(routeId(slot));
            LOG.info("cluster: slot {} ({}) stopped", slot, clientId(slot));
        } catch (Exception e) {
            LOG.warn("cluster: stopping slot {} failed: {}", slot, LogSafe.quote(String.valueOf(e.getMessage())));
        }
    }

    private void startWhileHeld(String lease, int slot) {
        long backoff = 500;
        while (leases.holds(lease) && !Thread.currentThread().isInterrupted()) {
            try {
                synchronized (this) {
                    if (!leases.holds(lease)) {
                        return;
                    }
                    if (camel.getRoute(routeId(slot)) == null) {
                        camel.addRouteFromTemplate(routeId(slot), TEMPLATE,
                                Map.of("slotClientId", clientId(slot), "slotTopic", topic));
                    }
                    camel.getRouteController().startRoute(routeId(slot));
                }
                LOG.info("cluster: slot {} ({}) started", slot, clientId(slot));
                return;
            } catch (Exception e) {
                LOG.warn("cluster: starting slot {} failed, retrying in {} ms: {}", slot, backoff,
                        LogSafe.quote(String.valueOf(e.getMessage())));
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 8000);
            }
        }
    }

    private int slots() {
        return leases.config().receiverSlots();
    }

    /** The slot of a route made by this class: {@code ingest-slot-<n>}, or 1 for {@code ingest}. */
    static int slotOfRoute(String routeId) {
        String prefix = TEMPLATE + "-slot-";
        return routeId != null && routeId.startsWith(prefix) ? Integer.parseInt(routeId.substring(prefix.length())) : 1;
    }

    private static int slotOf(String lease) {
        return lease.startsWith(NodeLeases.SLOT_PREFIX) ? Integer.parseInt(lease.substring(NodeLeases.SLOT_PREFIX.length())) : 0;
    }

    /** The routes stop with Camel; from here on this only stops starting them. */
    @Override
    public void close() {
        closed = true;
        starter.shutdownNow();
    }
}
