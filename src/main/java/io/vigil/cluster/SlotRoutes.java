package io.vigil.cluster;

import io.vigil.support.LogSafe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel adapter of the MQTT receiver slots (docs/cluster.md, "MQTT receiver slots"): for every slot
 * lease this node gains, a route from the {@code ingest} template with the slot's client id and the
 * full subscription (clean start false: it takes over the slot's session and its unacknowledged
 * messages; {@link SlotOwnershipProcessor} keeps the slot's own sites); for every slot lease it
 * loses, the route stops (in-flight exchanges get a renewal interval to finish; the rest stays
 * unacknowledged in the session for the next holder) and is removed. Starts and stops run in order
 * on one thread of their own, never on the lease renewal thread: a slow broker must not cost the
 * node its leases. A start that fails is tried again, with back-off, while the lease is held.
 */
public final class SlotRoutes implements NodeLeases.Listener, AutoCloseable {

    /** The template in routes/ingest.camel.yaml. */
    static final String TEMPLATE = "ingest";

    private static final Logger LOG = LoggerFactory.getLogger(SlotRoutes.class);
    private static final long MAX_BACKOFF_MILLIS = 8000;

    private final CamelContext camel;
    private final NodeLeases leases;
    private final String singleClientId;
    private final String topic;
    private final Runnable beforeStart;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-cluster-slots");
        t.setDaemon(true);
        return t;
    });
    private final List<Future<?>> starting = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param singleClientId the client id of the only slot when there is one ({@code vigil.mqtt.client-id})
     * @param topic          the subscription of every slot ({@code vigil.mqtt.topic}, comma-separated filters)
     * @param beforeStart    run before a slot's route starts, e.g. to catch up with what its last holder accepted
     */
    public SlotRoutes(CamelContext camel, NodeLeases leases, String singleClientId, String topic, Runnable beforeStart) {
        this.camel = camel;
        this.leases = leases;
        this.singleClientId = singleClientId;
        this.topic = topic;
        this.beforeStart = beforeStart;
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
        if (slot > 0) {
            synchronized (starting) {
                run(() -> start(lease, slot, 500)).ifPresent(starting::add);
            }
        }
    }

    @Override
    public void lost(String lease) {
        int slot = slotOf(lease);
        if (slot > 0) {
            run(() -> stop(slot));
        }
    }

    /**
     * Waits until the slots gained so far have started (or failed a first time), at most this long:
     * the receiver's start returns with its sessions subscribed, as it did with one fixed route.
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

    private void start(String lease, int slot, long backoffMillis) {
        if (closed || !leases.holds(lease) || isStarted(slot)) {
            return;
        }
        try {
            beforeStart.run();
            if (camel.getRoute(routeId(slot)) == null) {
                camel.addRouteFromTemplate(routeId(slot), TEMPLATE, Map.of("slotClientId", clientId(slot), "slotTopic", topic));
            }
            camel.getRouteController().startRoute(routeId(slot));
            LOG.info("cluster: slot {} ({}) started", slot, clientId(slot));
        } catch (Exception e) {
            LOG.warn("cluster: starting slot {} failed, retrying in {} ms: {}", slot, backoffMillis,
                    LogSafe.quote(String.valueOf(e.getMessage())));
            try {
                worker.schedule(() -> start(lease, slot, Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS)),
                        backoffMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // closing: nothing to retry
            }
        }
    }

    private void stop(int slot) {
        if (closed || camel.getRoute(routeId(slot)) == null) {
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

    private boolean isStarted(int slot) {
        return camel.getRoute(routeId(slot)) != null
                && camel.getRouteController().getRouteStatus(routeId(slot)) == ServiceStatus.Started;
    }

    private java.util.Optional<Future<?>> run(Runnable task) {
        if (closed) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(worker.submit(task));
        } catch (RejectedExecutionException e) {
            return java.util.Optional.empty();
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
        worker.shutdownNow();
    }
}
