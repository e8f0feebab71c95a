package io.vigil.simulate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A few demo sites that each publish a panel signal every couple of seconds, for `vigil demo`. */
public final class DemoTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
    /** Contact ID (account, message type 18, event, partition, zone): burglary, restore, fire, AC loss, test. */
    private static final List<String> SIGNALS = List.of(
            "1234 18 1130 01 015", "1234 18 3130 01 015", "1234 18 1110 01 003", "1234 18 1301 00 000",
            "1234 18 1602 00 000");

    private final List<SiteConnection> sites;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "vigil-demo-sites");
        thread.setDaemon(true);
        return thread;
    });

    public DemoTraffic(List<SiteConnection> sites) {
        this.sites = new ArrayList<>(sites);
    }

    public DemoTraffic start(long periodMillis) {
        scheduler.scheduleAtFixedRate(this::publishRound, 500, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    private void publishRound() {
        for (SiteConnection site : sites) {
            String signal = SIGNALS.get(ThreadLocalRandom.current().nextInt(SIGNALS.size()));
            try {
                site.publish(site.topicPrefix() + "panel", signal.getBytes(StandardCharsets.US_ASCII));
            } catch (MqttException e) {
                LOG.warn("demo site could not publish: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() throws MqttException {
        scheduler.shutdownNow();
        for (SiteConnection site : sites) {
            site.close();
        }
    }
}
