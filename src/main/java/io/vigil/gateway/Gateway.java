package io.vigil.gateway;

import io.vigil.config.VigilProperties;
import io.vigil.dc09.Dc09Config;
import io.vigil.dc09.Dc09Listener;
import io.vigil.dc09.Dc09Receiver;
import io.vigil.gateway.journal.Journal;
import io.vigil.trust.RejectBurstDetector;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.device.DeviceBundle;
import io.vigil.trust.device.DeviceSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil gateway} (docs/gateway.md): the DC-09 port's listeners in front of the journal, and
 * the forwarder behind it. Closing stops taking frames first, then lets the journal writes in
 * progress finish; whatever is pending stays in the journal for the next start.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Journal journal;
    private final ExecutorService writer;
    private final Forwarder forwarder;
    private Dc09Listener listener;

    private Gateway(Journal journal, ExecutorService writer, Forwarder forwarder) {
        this.journal = journal;
        this.writer = writer;
        this.forwarder = forwarder;
    }

    public static Gateway start(VigilProperties properties, Clock clock) throws IOException, InterruptedException {
        GatewayConfig config = GatewayConfig.from(properties);
        Dc09Config panels = Dc09Config.from(properties);
        if (!panels.anyEnabled()) {
            throw new IllegalArgumentException("the gateway takes frames from nowhere: set vigil.dc09.tcp.enabled "
                    + "and/or vigil.dc09.udp.enabled");
        }
        DeviceBundle.Settings bundle = DeviceBundle.readSettings(config.bundleDir());
        String brokerUrl = config.brokerUrl().orElse(bundle.brokerUrl());
        if (brokerUrl.isBlank()) {
            throw new IllegalArgumentException("no broker: set vigil.gateway.broker-url (the bundle names none)");
        }
        DeviceSigner signer = DeviceSigner.load(config.bundleDir(), clock);
        GatewayAccounts accounts = GatewayAccounts.load(config.accountsFile(), signer.site());
        Journal journal = Journal.open(config.journalDir(), config.journalMaxBytes(), clock);
        Forwarder forwarder = new Forwarder(journal, config, brokerUrl, signer.site() + "-gateway",
                GatewayTls.socketFactory(config.bundleDir()));
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "gateway-journal"));
        Gateway gateway = new Gateway(journal, writer, forwarder);
        try {
            Dc09Receiver receiver = new Dc09Receiver(accounts,
                    new RejectBurstDetector(TrustConfig.from(properties).rejectBurst()), panels, clock);
            forwarder.start();
            gateway.listener = Dc09Listener.start(panels, new GatewayIntake(receiver, journal, signer, writer, clock));
        } catch (InterruptedException | RuntimeException e) {
            gateway.close();
            throw e;
        }
        LOG.info("gateway of site {} started: {} frames pending in {}, forwarding to {}", signer.site(),
                journal.pendingCount(), config.journalDir(), brokerUrl);
        return gateway;
    }

    public InetSocketAddress tcpAddress() {
        return listener.tcpAddress();
    }

    public InetSocketAddress udpAddress() {
        return listener.udpAddress();
    }

    /** Frames journaled and not yet delivered to the broker. */
    public int pending() {
        return journal.pendingCount();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
            forwarder.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("gateway journal did not close cleanly: {}", e.getMessage());
        }
    }
}
