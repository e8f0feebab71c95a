package io.vigil.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker alone: a bare MQTT subscriber in a child JVM counts and times the messages itself
 * (there is no Kafka record here, so arrival = the subscriber's callback) and reports its tally.
 */
public final class SubscriberPipeline implements Pipeline {

    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public Running start(BenchContext context, BenchTarget target) throws Exception {
        RemoteArrivals arrivals = new RemoteArrivals();
        ChildProcess child = ChildProcesses.subscriber(context, target, arrivals);
        arrivals.child = child;
        return new Running(child.accounting(), arrivals, () -> child.terminate(ChildProcesses.STOP_GRACE));
    }

    /** The subscriber's counts, from its {@code BENCH PROGRESS} and {@code BENCH RESULT} lines. */
    private static final class RemoteArrivals implements Arrivals, ChildProcess.Listener {
        private final CompletableFuture<Map<BenchStamp.Phase, DeliveryTally>> result = new CompletableFuture<>();
        private volatile ChildProcess child;
        private volatile long[] received = new long[BenchStamp.Phase.values().length];

        @Override
        public void onLine(ChildProcess from, String line) {
            ChildProtocol.parseProgress(line).ifPresent(counts -> received = counts);
            ChildProtocol.parseResult(line).ifPresent(map -> result.complete(DeliveryTally.fromPhases(map)));
        }

        @Override
        public long received(BenchStamp.Phase phase) {
            return received[phase.ordinal()];
        }

        @Override
        public Map<BenchStamp.Phase, DeliveryTally> finish() throws Exception {
            child.send(ChildProtocol.FINISH);
            try {
                return result.get(RESULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the subscriber sent no result; its last lines:\n" + child.tail(), e);
            }
        }

        @Override
        public void close() {
        }
    }
}
