package io.vigil.dc09;

import static io.vigil.dc09.Dc09TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.ingest.SignalHeaders;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.VigilTestApp;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A panel's frame the receiver could not store (Kafka unreachable) gets no ACK; the receiver is
 * stopped and started again, the panel retransmits, and its ACK to the retransmission is lost too,
 * so the frame arrives twice: one message id, one event id, one incident.
 */
class Dc09RetransmissionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aFrameUnackedAcrossARestartAndSentAgainYieldsOneEventIdAndOneIncident() throws Exception {
        String site = "it-dc09r-" + UUID.randomUUID().toString().substring(0, 8);
        String account = "77" + (int) (Math.random() * 1000);
        try (VigilTestApp app = new VigilTestApp().forSites("dc09-it-nobody")
                .with("vigil.dc09.tcp.enabled", "true").with("vigil.dc09.tcp.port", "0")
                // the point here is the retransmission's identity, not the window: a restart takes longer than 40 s here
                .with("vigil.dc09.time-behind", "600s")
                .with("vigil.supervision.enabled", "false")
                .with("camel.main.shutdown-timeout", "3")
                .with("camel.component.kafka.brokers", "127.0.0.1:1") // Kafka unreachable for the routes
                .withDc09Accounts(new InMemoryDc09Accounts().plain(account, site))) {
            app.start();
            byte[] alarm = frame("SIA-DCS", 5, account, "#" + account + "|NFA03", Instant.now());
            try (var panel = Dc09TestClient.tcp(app.application().dc09().tcpAddress())) {
                panel.send(alarm);
                assertThat(panel.answer(Duration.ofSeconds(3))).as("no ACK before Kafka holds the frame").isNull();
                app.stop();
            }

            app.with("camel.component.kafka.brokers", io.vigil.kafka.KafkaClientConfig.from(TestEnvironment.get().properties()).bootstrapServers()).start();
            try (var panel = Dc09TestClient.tcp(app.application().dc09().tcpAddress());
                 KafkaTopicReader accepted = new KafkaTopicReader(app.topic("accepted"));
                 KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"))) {
                assertThat(retransmit(panel, alarm)).contains("\"ACK\"0005");
                assertThat(retransmit(panel, alarm)).as("the ACK was lost: the panel sends it once more").contains("\"ACK\"0005");

                List<ConsumerRecord<String, byte[]>> records = accepted.pollUntil(r -> r.size() >= 2, WAIT);
                assertThat(records).hasSize(2);
                assertThat(records.stream().map(r -> KafkaTopicReader.header(r, SignalHeaders.MESSAGE_ID)).distinct())
                        .hasSize(1);
                Set<String> eventIds = alarms.pollUntil(r -> r.size() >= 2, WAIT).stream()
                        .map(r -> eventId(r.value())).collect(Collectors.toSet());
                assertThat(eventIds).hasSize(1);
                await().atMost(WAIT).until(() -> count(app, "SELECT count(*) FROM incident_events WHERE site_id = ?", site) >= 1);
                assertThat(count(app, "SELECT count(*) FROM incidents WHERE site_id = ?", site)).isEqualTo(1);
                assertThat(count(app, "SELECT sum(event_count) FROM incidents WHERE site_id = ?", site)).isEqualTo(1);
            }
        }
    }

    private static String retransmit(Dc09TestClient panel, byte[] frame) throws IOException {
        panel.send(frame);
        return panel.answer(WAIT);
    }

    private static String eventId(byte[] event) {
        try {
            return JSON.readTree(event).get("event_id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(VigilTestApp app, String sql, String site) throws Exception {
        var db = app.database();
        try (Connection c = DriverManager.getConnection(db.url(), db.appUser(), db.appPassword());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
