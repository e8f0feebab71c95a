package io.vigil.ops;

import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A route step whose every run is timed (the trust gate's verification). */
final class TimedProcessor implements Processor {

    private final Processor delegate;
    private final Timer timer;

    TimedProcessor(Processor delegate, Timer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long start = System.nanoTime();
        try {
            delegate.process(exchange);
        } finally {
            timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
