package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.bench.ChildProcess;
import io.vigil.dc09.Dc09TestClient;
import io.vigil.dc09.Dc09TestFrames;
import io.vigil.ingest.SignalHeaders;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.VigilTestApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The gateway as its own process ({@code vigil gateway}), killed with SIGKILL while a panel sends
 * and it forwards, then started again on the same journal: every frame the panel got an ACK for
 * reaches the centre, and none is counted twice at the incident stage.
 */
class GatewayCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration ANSWER = Duration.ofSeconds(3);
    private static final int FRAMES = 3_000;
    private static final int KILL_AFTER = 1_000;

    @Test
    void aGatewayKilledMidStreamLosesNoAckedFrameAndDoublesNothing() throws Exception {
        try (VigilTestApp centre = new VigilTestApp()) {
            GatewaySite site = GatewaySite.enroll("it-gwk", centre.database(), "3501=plain\n");
            centre.forSites(site.siteId).with("vigil.supervision.enabled", "false").start();
            int port = GatewayIT.portWhereNothingListens();
            Map<String, String> overrides = new java.util.HashMap<>(site.gatewayProperties(
                    TestEnvironment.get().sitesBrokerUrl()));
            overrides.put("vigil.dc09.udp.enabled", "false");
            overrides.put("vigil.dc09.tcp.port", Integer.toString(port));
            // the point is the crash, not the window: a restart on this machine may take longer than 40 s
            overrides.put("vigil.dc09.time-behind", "600s");
            overrides.put("vigil.gateway.forward.max-rate", "500");

            Panel panel = new Panel(new InetSocketAddress("127.0.0.1", port));
            ChildProcess gateway = startGateway(overrides);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(panel::sendAll);
            try {
                await().atMost(WAIT).until(() -> panel.acked.size() >= KILL_AFTER || sending.isDone());
                gateway.close(); // SIGKILL, mid-stream: the panel is sending, the forwarder publishing
                assertThat(panel.acked.size()).as("killed mid-stream").isLessThan(FRAMES);
                gateway = startGateway(overrides);
                sending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                gateway.close();
            }
            assertThat(panel.acked).hasSize(FRAMES);

            // the second gateway was killed too, as soon as the panel was done (frames still pending): a third drains them
            gateway = startGateway(overrides);
            try (KafkaTopicReader accepted = new KafkaTopicReader(centre.topic("accepted"))) {
                await().atMost(WAIT).until(() -> site.incidentEvents() >= FRAMES);
                List<ConsumerRecord<String, byte[]>> records = accepted.pollUntil(r -> distinctIds(r).size() >= FRAMES, WAIT);
                assertThat(distinctIds(records)).containsExactlyInAnyOrderElementsOf(panel.acked);
                assertThat(site.incidentEvents()).isEqualTo(FRAMES);
                assertThat(site.eventsCountedInIncidents()).as("no frame counted twice").isEqualTo(FRAMES);
            } finally {
                gateway.close();
            }
        }
    }

    private static Set<String> distinctIds(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        records.forEach(r -> ids.add(KafkaTopicReader.header(r, SignalHeaders.MESSAGE_ID)));
        return ids;
    }

    private static ChildProcess startGateway(Map<String, String> overrides) throws Exception {
        String name = "gateway-" + UUID.randomUUID().toString().substring(0, 8);
        return ChildProcess.start(name, ChildProcess.vigilCommand(List.of("-Xmx128m"), overrides, List.of("gateway")),
                Path.of("target/test-processes", name + ".log"),
                line -> line.contains("gateway of site") && line.contains(" started"), ChildProcess.Listener.NONE, WAIT);
    }

    /**
     * A panel as DC-09 describes it: one frame at a time, the next only after the ACK; no ACK in
     * time (or the connection gone) means the same frame again, on a new connection if need be.
     */
    private static final class Panel {
        private final InetSocketAddress gateway;
        /** Message ids of the ACKed frames, as the centre will name them. */
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        private Dc09TestClient.Tcp connection;

        Panel(InetSocketAddress gateway) {
            this.gateway = gateway;
        }

        void sendAll() {
            for (int seq = 0; seq < FRAMES; seq++) {
                Instant at = Instant.now();
                byte[] frame = Dc09TestFrames.frame("SIA-DCS", seq, "3501", "#3501|NBA" + (seq % 8 + 1), at);
                String ack = String.format("\"ACK\"%04d", seq);
                await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                        .until(() -> sent(frame, ack));
                acked.add("dc09:3501:" + String.format("%04d", seq) + ":" + at.getEpochSecond());
            }
            closeQuietly();
        }

        private boolean sent(byte[] frame, String ack) {
            try {
                if (connection == null) {
                    connection = Dc09TestClient.tcp(gateway);
                }
                connection.send(frame);
                String answer = connection.answer(ANSWER);
                if (answer != null && answer.contains(ack)) {
                    return true;
                }
            } catch (IOException e) {
                // the gateway is down: try again
            }
            closeQuietly();
            return false;
        }

        private void closeQuietly() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // gone already
                }
                connection = null;
            }
        }
    }
}
