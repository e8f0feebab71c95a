package io.vigil.bench;

import io.vigil.simulate.SiteConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Simulated sites publishing benchmark messages at QoS 1 over mutual TLS, one connection and one
 * thread per site, each with a bounded window of unacknowledged publishes. Sequence numbers are
 * interleaved over the sites (site i publishes i, i + sites, ...), so a run's messages are exactly
 * 0..count-1 whatever the number of sites.
 *
 * <p>At a target rate each site sends as a Poisson process (independent devices; exponential gaps
 * of the mean the rate asks for) and stamps a message with the time it was <em>due</em>, so a stall
 * (a full window, a slow broker) shows up as latency instead of silently lowering the load (no
 * coordinated omission). Random send times also keep the stamps' sub-millisecond phase random
 * against Kafka's millisecond timestamps; a fixed schedule would bias every latency the same way.
 * At full speed a message is stamped when it is handed to the client.
 */
public final class LoadGenerator implements AutoCloseable {

    /** Paho: the broker's receive maximum is reached ("too many publishes in progress"). */
    private static final int TOO_MANY_IN_FLIGHT = 32202;
    private static final long ACK_TIMEOUT_SECONDS = 120;
    /**
     * Benchmark messages the broker could not deliver within this are dropped, so a persistent
     * session that happens to match them never keeps them; far longer than any delivery takes.
     */
    static final Duration MESSAGE_EXPIRY = Duration.ofSeconds(60);

    private final List<SiteConnection> sites;
    private final String tag;
    private final int window;
    private final ExecutorService threads;

    private LoadGenerator(List<SiteConnection> sites, String tag, int window) {
        this.sites = sites;
        this.tag = tag;
        this.window = window;
        this.threads = Executors.newFixedThreadPool(sites.size(), runnable -> {
            Thread thread = new Thread(runnable, "bench-site");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects the context's sites to the target's broker; their messages go to {@link #topic}. */
    public static LoadGenerator connect(BenchContext context, BenchTarget target) throws MqttException {
        List<SiteConnection> connections = new ArrayList<>();
        try {
            for (String site : context.siteIds()) {
                connections.add(SiteConnection.open(target.mqttSitesBrokerUrl(), site, context.siteSocketFactory(site)));
            }
        } catch (MqttException | RuntimeException e) {
            for (SiteConnection connection : connections) {
                connection.close();
            }
            throw e;
        }
        return new LoadGenerator(connections, target.tag(), context.settings().window());
    }

    /** The topic a site publishes to: below its own {@code sites/<id>/}, as the broker's ACL demands. */
    public static String topic(String siteId, String tag) {
        return "sites/" + siteId + "/bench/" + tag;
    }

    /** The subscription that sees exactly one run's messages from all sites. */
    public static String topicFilter(String tag) {
        return "sites/+/bench/" + tag;
    }

    /**
     * Publishes messages 0..count-1 of {@code phase} and returns once the broker has acknowledged
     * (or refused) every one. {@code ratePerSecond} is over all sites; null means as fast as possible.
     */
    public PublishReport publish(BenchStamp.Phase phase, long count, Double ratePerSecond, StampEncoder encoder)
            throws InterruptedException {
        long started = System.nanoTime();
        long startedMicros = MicroTime.now();
        List<Future<PublishReport>> results = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            results.add(threads.submit(new SitePublisher(i, phase, count, ratePerSecond, encoder, started, startedMicros)));
        }
        PublishReport total = PublishReport.NONE;
        for (Future<PublishReport> result : results) {
            try {
                total = total.plus(result.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a simulated site could not publish: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return total.withNanos(System.nanoTime() - started);
    }

    @Override
    public void close() throws MqttException {
        threads.shutdownNow();
        MqttException first = null;
        for (SiteConnection site : sites) {
            try {
                site.close();
            } catch (MqttException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** What the broker said to one phase's publishes, and how long publishing took until the last PUBACK. */
    public record PublishReport(long published, long acknowledged, long refused, long failed, long nanos) {
        static final PublishReport NONE = new PublishReport(0, 0, 0, 0, 0);

        PublishReport plus(PublishReport other) {
            return new PublishReport(published + other.published, acknowledged + other.acknowledged,
                    refused + other.refused, failed + other.failed, 0);
        }

        PublishReport withNanos(long elapsed) {
            return new PublishReport(published, acknowledged, refused, failed, elapsed);
        }
    }

    private final class SitePublisher implements Callable<PublishReport> {
        private final int index;
        private final BenchStamp.Phase phase;
        private final long count;
        private final long meanGapNanos;
        private final StampEncoder encoder;
        private final long startedNanos;
        private final long startedMicros;
        private final Semaphore inFlight = new Semaphore(window);
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();

        SitePublisher(int index, BenchStamp.Phase phase, long count, Double ratePerSecond, StampEncoder encoder,
                      long startedNanos, long startedMicros) {
            this.index = index;
            this.phase = phase;
            this.count = count;
            this.meanGapNanos = ratePerSecond == null ? 0 : Math.round(1e9 * sites.size() / ratePerSecond);
            this.encoder = encoder;
            this.startedNanos = startedNanos;
            this.startedMicros = startedMicros;
        }

        @Override
        public PublishReport call() throws MqttException, InterruptedException {
            SiteConnection site = sites.get(index);
            String topic = topic(site.siteId(), tag);
            MqttActionListener listener = new Acknowledgements();
            long published = 0;
            long due = startedNanos;
            for (long sequence = index; sequence < count; sequence += sites.size(), published++) {
                long stampMicros;
                if (meanGapNanos > 0) {
                    due += exponentialGap();
                    parkUntil(due);
                    inFlight.acquire();
                    stampMicros = startedMicros + (due - startedNanos) / 1_000;
                } else {
                    inFlight.acquire();
                    stampMicros = MicroTime.now();
                }
                byte[] payload = encoder.encode(site.siteId(), new BenchStamp(tag, phase, sequence, stampMicros));
                publishWithinBrokerLimit(site, topic, payload, listener);
            }
            if (!inFlight.tryAcquire(window, ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(site.siteId() + ": no PUBACK for " + (window - inFlight.availablePermits())
                        + " messages within " + ACK_TIMEOUT_SECONDS + " s");
            }
            inFlight.release(window);
            return new PublishReport(published, acknowledged.get(), refused.get(), failed.get(), 0);
        }

        /** Paho refuses a publish beyond the broker's receive maximum: retry in a moment, an acknowledgement frees a slot. */
        private void publishWithinBrokerLimit(SiteConnection site, String topic, byte[] payload, MqttActionListener listener)
                throws MqttException {
            while (true) {
                try {
                    site.publish(topic, payload, MESSAGE_EXPIRY, listener);
                    return;
                } catch (MqttException e) {
                    if (e.getReasonCode() != TOO_MANY_IN_FLIGHT) {
                        throw e;
                    }
                    LockSupport.parkNanos(100_000);
                }
            }
        }

        private long exponentialGap() {
            return Math.round(-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * meanGapNanos);
        }

        private static void parkUntil(long deadlineNanos) {
            long wait;
            while ((wait = deadlineNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }

        private final class Acknowledgements implements MqttActionListener {
            @Override
            public void onSuccess(IMqttToken token) {
                int[] codes = token.getReasonCodes();
                // MQTT 5: a PUBACK reason code of 0x80 or more is a refusal (135 = not authorised)
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    refused.incrementAndGet();
                } else {
                    acknowledged.incrementAndGet();
                }
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failed.incrementAndGet();
                inFlight.release();
            }
        }
    }
}
