package io.vigil.dc09;

import static io.vigil.dc09.Dc09TestFrames.badCrc;
import static io.vigil.dc09.Dc09TestFrames.body;
import static io.vigil.dc09.Dc09TestFrames.frame;
import static io.vigil.dc09.Dc09TestFrames.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.ingest.QuarantineRecord;
import io.vigil.ingest.SignalHeaders;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.VigilTestApp;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DC-09 port of a real receiver, with real Kafka and PostgreSQL: panels over TCP and UDP. */
class Dc09ReceiverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration ANSWER = Duration.ofSeconds(20);

    private static final byte[] KEY = "it-dc09-aes-key!".getBytes(StandardCharsets.US_ASCII);

    private static VigilTestApp app;
    private static String site;
    private static InetSocketAddress tcp;
    private static InetSocketAddress udp;

    @BeforeAll
    static void start() throws Exception {
        site = "it-dc09-" + UUID.randomUUID().toString().substring(0, 8);
        app = new VigilTestApp().forSites("dc09-it-nobody")
                .with("vigil.dc09.tcp.enabled", "true").with("vigil.dc09.tcp.port", "0")
                .with("vigil.dc09.udp.enabled", "true").with("vigil.dc09.udp.port", "0")
                .with("vigil.dc09.max-frame-bytes", "256")
                .with("vigil.trust.reject-burst.threshold", "3")
                .with("vigil.dc09.idle-timeout", "3s").with("vigil.dc09.frame-timeout", "2s")
                .withDc09Accounts(new InMemoryDc09Accounts().plain("4321", site).plain("4322", site + "-b")
                        .encryptedOnly("4323", site + "-c", new Dc09Account.Dc09Key("it-key", KEY)));
        app.start();
        tcp = app.application().dc09().tcpAddress();
        udp = app.application().dc09().udpAddress();
        assertThat(tcp.getAddress().isLoopbackAddress()).isTrue();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anAlarmOverTcpIsAckedWhenKafkaHasItAndBecomesACanonicalEvent() throws Exception {
        Instant now = Instant.now();
        try (var panel = Dc09TestClient.tcp(tcp);
             KafkaTopicReader accepted = new KafkaTopicReader(app.topic("accepted"));
             KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"))) {
            panel.send(frame("SIA-DCS", 11, "4321", "#4321|NBA01", now));

            assertThat(panel.answer(ANSWER)).isEqualTo(text(Dc09TestFrames.framed("\"ACK\"0011R1L1#4321[]")));
            // the ACK came after the record was written: it is there now
            // the topic is shared by this class's tests, which run in random order: find this test's record
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> ours =
                    x -> new String(x.value(), StandardCharsets.ISO_8859_1).contains("#4321|NBA01");
            List<ConsumerRecord<String, byte[]>> records = accepted.pollUntil(r -> r.stream().anyMatch(ours), WAIT);
            ConsumerRecord<String, byte[]> record = records.stream().filter(ours).findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo(site);
            assertThat(KafkaTopicReader.header(record, SignalHeaders.CONTENT_TYPE)).isEqualTo("application/vnd.vigil.dc09");
            assertThat(KafkaTopicReader.header(record, SignalHeaders.ASSURANCE)).isEqualTo("transport");
            assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).contains("#4321|NBA01");

            // other tests of this class send alarms for the same site: this one is the BA event
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> ourEvent = x -> site.equals(x.key())
                    && new String(x.value(), StandardCharsets.UTF_8).contains("\"code\":\"BA\"");
            JsonNode event = JSON.readTree(alarms.pollUntil(r -> r.stream().anyMatch(ourEvent), WAIT).stream()
                    .filter(ourEvent).findFirst().orElseThrow().value());
            assertThat(event.get("site_id").asText()).isEqualTo(site);
            assertThat(event.get("source_format").asText()).isEqualTo("dc09");
            assertThat(event.get("code").asText()).isEqualTo("BA");
            assertThat(event.get("message_id").asText()).isEqualTo(KafkaTopicReader.header(record, SignalHeaders.MESSAGE_ID));
            assertThat(event.get("assurance").asText()).isEqualTo("transport");
        }
    }

    @Test
    void severalFramesOnOneConnectionAreAnsweredInOrderAndANullFrameIsAHeartbeat() throws Exception {
        Instant now = Instant.now();
        try (var panel = Dc09TestClient.tcp(tcp); KafkaTopicReader heartbeats = new KafkaTopicReader(app.topic("heartbeat"))) {
            panel.send(concat(frame("NULL", 21, "4322", "", now), frame("SIA-DCS", 22, "4322", "#4322|NBR01", now),
                    frame("NULL", 23, "4322", "", now)));

            assertThat(panel.answer(ANSWER)).contains("\"ACK\"0021");
            assertThat(panel.answer(ANSWER)).contains("\"ACK\"0022");
            assertThat(panel.answer(ANSWER)).contains("\"ACK\"0023");
            List<ConsumerRecord<String, byte[]>> beats = heartbeats.pollUntil(
                    r -> r.stream().filter(x -> x.key().equals(site + "-b")).count() == 2, WAIT);
            assertThat(beats.stream().filter(x -> x.key().equals(site + "-b"))).hasSize(2);
        }
    }

    @Test
    void anEncryptedFrameIsAnsweredWithAnEncryptedAckAndItsEventCarriesTheDc09AesAssurance() throws Exception {
        Dc09Cipher cipher = Dc09Cipher.ofKey(KEY);
        try (var panel = Dc09TestClient.tcp(tcp); KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"))) {
            panel.send(Dc09ReceiverTest.encrypted(frame("SIA-DCS", 71, "4323", "#4323|NFA02", Instant.now()), cipher));

            String ack = panel.answer(ANSWER);
            assertThat(ack).contains("\"*ACK\"0071R1L1#4323[");
            JsonNode event = JSON.readTree(alarms.pollUntil(r -> r.stream().anyMatch(x -> x.key().equals(site + "-c")), WAIT)
                    .stream().filter(x -> x.key().equals(site + "-c")).findFirst().orElseThrow().value());
            assertThat(event.get("code").asText()).isEqualTo("FA");
            assertThat(event.get("assurance").asText()).isEqualTo("dc09-aes");
            assertThat(event.get("key_id").asText()).isEqualTo("it-key");
        }
    }

    @Test
    void aFrameOverUdpIsAckedToItsSender() throws Exception {
        try (var panel = Dc09TestClient.udp(udp)) {
            panel.send(frame("ADM-CID", 31, "4321", "#4321|1131 01 015", Instant.now()));
            assertThat(panel.answer(ANSWER)).isEqualTo(text(Dc09TestFrames.framed("\"ACK\"0031R1L1#4321[]")));
        }
    }

    @Test
    void unknownAccountAndBadCrcGetNoAnswerAndAreQuarantinedWithTheirReasons() throws Exception {
        Instant now = Instant.now();
        try (var panel = Dc09TestClient.tcp(tcp); KafkaTopicReader quarantine = new KafkaTopicReader(app.topic("quarantine"))) {
            panel.send(frame("SIA-DCS", 41, "9999", "#9999|NBA01", now));
            panel.send(badCrc(body("SIA-DCS", 42, "4321", "#4321|NBA01", now)));
            panel.send(frame("SIA-DCS", 43, "4321", "#4321|NBA01", now));

            // one frame at a time per connection: had 41 or 42 been answered, their answers would come first
            assertThat(panel.answer(ANSWER)).contains("\"ACK\"0043");
            List<String> reasons = quarantine.pollUntil(r -> r.size() >= 2, WAIT).stream()
                    .map(r -> QuarantineRecord.fromJson(r.value())).filter(q -> q.stage().equals("dc09"))
                    .map(QuarantineRecord::reason).toList();
            assertThat(reasons).contains("dc09.unknown_account", "dc09.crc_mismatch");
        }
    }

    @Test
    void aFrameOutsideTheWindowGetsANakCarryingTheReceiversTime() throws Exception {
        try (var panel = Dc09TestClient.tcp(tcp)) {
            Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            panel.send(frame("SIA-DCS", 51, "4321", "#4321|NBA01", before.minusSeconds(3600)));
            String nak = panel.answer(ANSWER);

            assertThat(nak).contains("\"NAK\"0000R0L0A0[]_");
            Instant told = LocalDateTime.parse(nak.substring(nak.indexOf('_') + 1, nak.length() - 1),
                    DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-yyyy")).toInstant(ZoneOffset.UTC);
            assertThat(told).isBetween(before, Instant.now());
        }
    }

    @Test
    void idleSlowAndOversizeConnectionsAreClosed() throws Exception {
        try (var idle = Dc09TestClient.tcp(tcp); var slow = Dc09TestClient.tcp(tcp); var big = Dc09TestClient.tcp(tcp)) {
            slow.send("\n1A2B0030\"SIA-".getBytes(StandardCharsets.US_ASCII));
            byte[] oversize = new byte[300];
            java.util.Arrays.fill(oversize, (byte) 'A');
            oversize[0] = '\n';
            big.send(oversize);

            assertThat(big.closedByReceiver(Duration.ofSeconds(10))).isTrue();
            assertThat(slow.closedByReceiver(Duration.ofSeconds(10))).isTrue();
            assertThat(idle.closedByReceiver(Duration.ofSeconds(15))).isTrue();
        }
    }

    @Test
    void aBurstOfBadFramesFromOneAddressRaisesASecurityEventForThatAddress() throws Exception {
        Instant now = Instant.now();
        try (var panel = Dc09TestClient.tcp(tcp); KafkaTopicReader security = new KafkaTopicReader(app.topic("security"))) {
            for (int seq = 61; seq <= 63; seq++) {
                panel.send(badCrc(body("SIA-DCS", seq, "4321", "#4321|NBA01", now)));
            }
            // an earlier test's rejects from the same address may have raised it already: either way it is there
            List<ConsumerRecord<String, byte[]>> alerts = security.pollUntil(
                    r -> r.stream().anyMatch(x -> x.key().equals("dc09@127.0.0.1")), WAIT);
            JsonNode event = JSON.readTree(alerts.stream().filter(x -> x.key().equals("dc09@127.0.0.1")).findFirst()
                    .orElseThrow().value());
            assertThat(event.get("code").asText()).isEqualTo("reject_burst");
            assertThat(event.get("class").asText()).isEqualTo("security");
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}
