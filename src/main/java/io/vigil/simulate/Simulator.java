package io.vigil.simulate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes a traffic mix from many sites at a target rate, round robin, with a bounded number of
 * messages awaiting their PUBACK. Each site publishes below its own topic with its own certificate
 * and key, as real sites do.
 */
public final class Simulator {

    private static final int TOO_MANY_IN_FLIGHT = 32202; // Paho: beyond the broker's receive maximum

    private final List<SimulatedSite> sites;
    private final TrafficMix mix;
    private final SimulationStats stats;
    private final Semaphore inFlight;
    private final int maxInFlight;

    public Simulator(List<SimulatedSite> sites, TrafficMix mix, SimulationStats stats, int maxInFlight) {
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("a simulation needs at least one site");
        }
        this.sites = List.copyOf(sites);
        this.mix = mix;
        this.stats = stats;
        this.inFlight = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
    }

    /**
     * Sends {@code messages} messages (or runs for {@code duration}, whichever ends first) at
     * {@code ratePerSecond} (0 = as fast as the broker takes them), then waits for the last PUBACKs.
     */
    public SimulationStats run(long messages, Duration duration, double ratePerSecond) throws InterruptedException {
        stats.started();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double interval = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        for (long i = 0; i < messages && System.nanoTime() < end; i++) {
            if (interval > 0) {
                long due = start + (long) (i * interval);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            publish(sites.get((int) (i % sites.size())));
        }
        inFlight.acquire(maxInFlight); // every PUBACK is in
        inFlight.release(maxInFlight);
        return stats;
    }

    private void publish(SimulatedSite site) throws InterruptedException {
        TrafficMix.Message message = mix.next(site);
        inFlight.acquire();
        while (true) {
            try {
                site.connection().publish(site.signer().topic(), message.payload(), new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken done) {
                        int[] codes = done.getReasonCodes();
                        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                            stats.countRefused();
                        } else {
                            stats.countAcknowledged();
                        }
                        inFlight.release();
                    }

                    @Override
                    public void onFailure(IMqttToken done, Throwable failure) {
                        stats.countRefused();
                        inFlight.release();
                    }
                });
                stats.countSent(message.kind());
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != TOO_MANY_IN_FLIGHT) {
                    stats.countSent(message.kind());
                    stats.countRefused();
                    inFlight.release();
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }
}
