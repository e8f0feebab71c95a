package io.vigil.simulate;

import io.vigil.trust.Encoding;
import io.vigil.trust.device.DeviceSigner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few demo sites, each publishing a signed signal every period: mostly heartbeats and sensor
 * readings, sometimes an alarm or its restore, and now and then a forged message that the trust
 * gate must quarantine. For `vigil demo`.
 */
public final class DemoTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);

    /** A signal a panel may send: content type and body. */
    private record Signal(String contentType, String body) {}

    private static final List<Signal> SIGNALS = List.of(
            new Signal("application/vnd.vigil.heartbeat", ""),
            new Signal("application/vnd.vigil.heartbeat", ""),
            new Signal("application/vnd.vigil.sensor+json", "{\"readings\": {\"temperature\": 21.5, \"humidity\": 40, \"battery\": 88}}"),
            new Signal("application/vnd.vigil.sensor+json", "{\"readings\": {\"temperature\": 71.0, \"battery\": 87}}"),
            new Signal("application/vnd.vigil.cid", "1234 18 1130 01 015"),
            new Signal("application/vnd.vigil.cid", "1234 18 3130 01 015"),
            new Signal("application/vnd.vigil.sia-dcs", "#1234|Nri1/FA03"),
            new Signal("application/vnd.vigil.cid", "1234 18 1301 00 000"));

    /** One demo site: its MQTT connection and its signer. */
    public record DemoSite(SiteConnection connection, DeviceSigner signer) {}

    private final List<DemoSite> sites;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "vigil-demo-sites");
        thread.setDaemon(true);
        return thread;
    });

    public DemoTraffic(List<DemoSite> sites) {
        this.sites = List.copyOf(sites);
    }

    public DemoTraffic start(long periodMillis) {
        scheduler.scheduleAtFixedRate(this::publishRound, 500, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    private void publishRound() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (DemoSite site : sites) {
            Signal signal = SIGNALS.get(random.nextInt(SIGNALS.size()));
            byte[] envelope = site.signer().sign(Encoding.JWS, signal.contentType(),
                    signal.body().getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(20) == 0) {
                envelope[envelope.length - 3] = (byte) (envelope[envelope.length - 3] == 'A' ? 'B' : 'A'); // forged
            }
            try {
                site.connection().publish(site.signer().topic(), envelope);
            } catch (MqttException e) {
                LOG.warn("demo site could not publish: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() throws MqttException {
        scheduler.shutdownNow();
        for (DemoSite site : sites) {
            site.connection().close();
        }
    }
}
