package io.vigil.escalation.route;

import io.vigil.support.LogSafe;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel adapter of a timer route's step (escalation timers, outbox relay, supervision). A failed
 * tick is one WARN line and the next tick tries again: the work is durable (stored timers, outbox
 * rows, queued supervision signals), so there is nothing to retry inside the tick, and a database
 * outage must not print a stack trace four times a second.
 */
public final class TickProcessor implements Processor {

    /** The work of one tick. */
    @FunctionalInterface
    public interface Tick {
        void run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TickProcessor.class);

    private final String name;
    private final Tick tick;

    public TickProcessor(String name, Tick tick) {
        this.name = name;
        this.tick = tick;
    }

    @Override
    public void process(Exchange exchange) {
        try {
            tick.run();
        } catch (Exception e) {
            LOG.warn("{} failed, the next tick retries: {}", name, LogSafe.quote(e.getMessage()));
        }
    }
}
