package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.VigilProperties;
import io.vigil.dc09.Dc09TestClient;
import io.vigil.dc09.Dc09TestFrames;
import io.vigil.ingest.SignalHeaders;
import io.vigil.normalize.EventIds;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.TcpProxy;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.VigilTestApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The gateway between a panel and the real centre (VigilTestApp on the shared broker, Kafka and database). */
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";
    /** As the issue asks: every DC-09 sequence number 0000-9999 once, one fsync and one ACK each. */
    private static final int FRAMES_WHILE_UNREACHABLE = 10_000;
    private static final int FRAMES_OVER_A_BREAKING_LINK = 3_000;

    @Test
    void plainAndEncryptedFramesOverTcpAndUdpBecomeTheCentresEventsWithTheDc09MessageIds() throws Exception {
        try (VigilTestApp centre = new VigilTestApp()) {
            GatewaySite site = GatewaySite.enroll("it-gw", centre.database(), "3301=plain\n3302=hex:" + KEY_HEX + "\n");
            centre.forSites(site.siteId).with("vigil.supervision.enabled", "false").start();
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (Gateway gateway = Gateway.start(properties(site, TestEnvironment.get().sitesBrokerUrl()), Clock.systemUTC());
                 KafkaTopicReader accepted = new KafkaTopicReader(centre.topic("accepted"));
                 KafkaTopicReader alarms = new KafkaTopicReader(centre.topic("alarm"))) {
                try (Dc09TestClient tcp = Dc09TestClient.tcp(gateway.tcpAddress())) {
                    tcp.send(Dc09TestFrames.frame("SIA-DCS", 11, "3301", "#3301|NBA01", at));
                    assertThat(tcp.answer(WAIT)).contains("\"ACK\"0011");
                    tcp.send(Dc09TestFrames.frame("NULL", 12, "3301", "", at));
                    assertThat(tcp.answer(WAIT)).contains("\"ACK\"0012");
                }
                try (Dc09TestClient udp = Dc09TestClient.udp(gateway.udpAddress())) {
                    udp.send(encrypted(Dc09TestFrames.frame("SIA-DCS", 21, "3302", "#3302|NFA02", at)));
                    assertThat(udp.answer(WAIT)).as("encrypted frame, encrypted ACK").contains("\"*ACK\"0021");
                }

                String plainId = "dc09:3301:0011:" + at.getEpochSecond();
                String aesId = "dc09:3302:0021:" + at.getEpochSecond();
                List<ConsumerRecord<String, byte[]>> records = accepted.pollUntil(r -> r.size() >= 3, WAIT);
                assertThat(records).extracting(r -> KafkaTopicReader.header(r, SignalHeaders.MESSAGE_ID))
                        .containsExactlyInAnyOrder(plainId, "dc09:3301:0012:" + at.getEpochSecond(), aesId);
                assertThat(records).extracting(r -> KafkaTopicReader.header(r, SignalHeaders.ASSURANCE)).containsOnly("signed");
                assertThat(records).extracting(r -> KafkaTopicReader.header(r, SignalHeaders.DEVICE))
                        .containsExactlyInAnyOrder("dc09-3301", "dc09-3301", "dc09-3302");

                Set<String> eventIds = alarms.pollUntil(r -> r.size() >= 2, WAIT).stream().map(r -> eventId(r.value()))
                        .collect(Collectors.toSet());
                assertThat(eventIds).containsExactlyInAnyOrder(EventIds.eventId(site.siteId, plainId, 0).toString(),
                        EventIds.eventId(site.siteId, aesId, 0).toString());
                await().atMost(WAIT).until(() -> gateway.pending() == 0);
            }
        }
    }

    @Test
    void framesAckedWhileTheBrokerIsUnreachableAllArriveOnceWhenItIsBack() throws Exception {
        try (VigilTestApp centre = new VigilTestApp()) {
            GatewaySite site = GatewaySite.enroll("it-gwo", centre.database(), "3401=plain\n");
            centre.forSites(site.siteId).with("vigil.supervision.enabled", "false").start();
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (Gateway gateway = Gateway.start(properties(site, "ssl://127.0.0.1:" + portWhereNothingListens()),
                    Clock.systemUTC());
                 Dc09TestClient panel = Dc09TestClient.tcp(gateway.tcpAddress())) {
                for (int seq = 0; seq < FRAMES_WHILE_UNREACHABLE; seq++) {
                    panel.send(Dc09TestFrames.frame("SIA-DCS", seq, "3401", "#3401|NBA" + (seq % 8 + 1), at));
                    assertThat(panel.answer(WAIT)).contains(String.format("\"ACK\"%04d", seq));
                }
                assertThat(gateway.pending()).as("all journaled, none delivered").isEqualTo(FRAMES_WHILE_UNREACHABLE);
            }
            assertThat(site.incidentEvents()).isZero();

            try (Gateway gateway = Gateway.start(properties(site, TestEnvironment.get().sitesBrokerUrl()), Clock.systemUTC());
                 KafkaTopicReader accepted = new KafkaTopicReader(centre.topic("accepted"))) {
                await().atMost(WAIT).until(() -> gateway.pending() == 0);
                await().atMost(WAIT).until(() -> site.incidentEvents() >= FRAMES_WHILE_UNREACHABLE);
                List<ConsumerRecord<String, byte[]>> records = accepted.pollUntil(
                        r -> r.size() >= FRAMES_WHILE_UNREACHABLE, WAIT);
                assertThat(records.stream().map(r -> KafkaTopicReader.header(r, SignalHeaders.MESSAGE_ID)).distinct())
                        .hasSize(FRAMES_WHILE_UNREACHABLE);
                assertThat(site.incidentEvents()).isEqualTo(FRAMES_WHILE_UNREACHABLE);
                assertThat(site.eventsCountedInIncidents()).isEqualTo(FRAMES_WHILE_UNREACHABLE);
            }
        }
    }

    @Test
    void aBacklogDrainedOverAConnectionThatKeepsBreakingArrivesWholeAndOnce() throws Exception {
        URI broker = URI.create(TestEnvironment.get().sitesBrokerUrl());
        try (VigilTestApp centre = new VigilTestApp();
             TcpProxy wan = new TcpProxy(broker.getHost(), broker.getPort())) {
            GatewaySite site = GatewaySite.enroll("it-gwf", centre.database(), "3601=plain\n");
            centre.forSites(site.siteId).with("vigil.supervision.enabled", "false").start();
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, String> properties = site.gatewayProperties("ssl://localhost:" + wan.port());
            properties.put("vigil.gateway.forward.max-rate", "100000"); // PUBACK-bound: the window is full at each break
            wan.cut();
            try (Gateway gateway = Gateway.start(TestEnvironment.get().properties(properties), Clock.systemUTC());
                 Dc09TestClient panel = Dc09TestClient.tcp(gateway.tcpAddress())) {
                for (int seq = 0; seq < FRAMES_OVER_A_BREAKING_LINK; seq++) {
                    panel.send(Dc09TestFrames.frame("SIA-DCS", seq, "3601", "#3601|NBA" + (seq % 8 + 1), at));
                    assertThat(panel.answer(WAIT)).contains(String.format("\"ACK\"%04d", seq));
                }
                for (int part = 1; part <= 4; part++) {
                    int left = FRAMES_OVER_A_BREAKING_LINK - part * FRAMES_OVER_A_BREAKING_LINK / 5;
                    restore(wan);
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> gateway.pending() <= left);
                    wan.cut(); // mid-drain: frames published without their PUBACK yet
                }
                restore(wan);
                await().atMost(WAIT).until(() -> gateway.pending() == 0);
            }
            await().atMost(WAIT).until(() -> site.incidentEvents() >= FRAMES_OVER_A_BREAKING_LINK);
            assertThat(site.incidentEvents()).isEqualTo(FRAMES_OVER_A_BREAKING_LINK);
            assertThat(site.eventsCountedInIncidents()).isEqualTo(FRAMES_OVER_A_BREAKING_LINK);
        }
    }

    /** The closed listening socket may linger a moment while its acceptor thread wakes up. */
    private static void restore(TcpProxy proxy) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            proxy.restore();
            return true;
        });
    }

    private static VigilProperties properties(GatewaySite site, String brokerUrl) {
        return TestEnvironment.get().properties(site.gatewayProperties(brokerUrl));
    }

    static int portWhereNothingListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static byte[] encrypted(byte[] clearFrame) {
        Dc09Cipher cipher = Dc09Cipher.ofKey(HexFormat.of().parseHex(KEY_HEX));
        return ("\n" + Dc09Decryption.encrypt(Dc09TestFrames.text(clearFrame), cipher) + "\r")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    static String eventId(byte[] event) {
        try {
            return JSON.readTree(event).get("event_id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
