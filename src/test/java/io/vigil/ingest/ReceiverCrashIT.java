package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.bench.ChildProcess;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.Publisher;
import io.vigil.testing.ServiceControl;
import io.vigil.testing.SignalLedger;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilProcess;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing the broker accepted is lost when the receiver is killed or Kafka goes away mid-stream:
 * every valid signed message is afterwards in signals.accepted (some twice: at least once), none
 * only in quarantine.
 */
class ReceiverCrashIT {

    private static final int MESSAGES = 10_000;
    private static TestDatabase database;

    @BeforeAll
    static void database() {
        database = TestDatabase.createMigrated();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void aReceiverKilledWithSigkillMidStreamLosesNothingAfterRestart() throws Exception {
        Run run = new Run("it-kill");
        ChildProcess first = VigilProcess.start(run.config, Duration.ofSeconds(90));
        try (SiteConnection site = SiteClient.connect(run.site);
             KafkaTopicReader reader = new KafkaTopicReader(run.accepted, run.quarantine);
             Publisher publisher = new Publisher(site, run.signer.topic(), run.envelopes)) {
            SignalLedger ledger = new SignalLedger(run.accepted);
            reader.pollUntil(records -> ledger.update(records).found().size() >= MESSAGES / 10, Duration.ofSeconds(120));
            first.close(); // SIGKILL: no shutdown hook, no graceful drain
            int beforeKill = ledger.update(reader.poll()).found().size();
            // mid-stream: the receiver had written some of the stream and not all of it
            assertThat(beforeKill).isPositive().isLessThan(MESSAGES);

            publisher.awaitDone(); // the broker holds the rest in the receiver's persistent session
            try (ChildProcess second = VigilProcess.start(run.config, Duration.ofSeconds(90))) {
                reader.pollUntil(records -> ledger.update(records).found().containsAll(run.published), Duration.ofSeconds(180));
                assertNothingLostOrQuarantined(ledger, run);
            }
        } finally {
            first.close();
        }
    }

    @Test
    void kafkaStoppedMidStreamAndRestartedLosesNothing() throws Exception {
        Run run = new Run("it-kafka-down");
        run.config.put("vigil.kafka.delivery-timeout-ms", "35000"); // the route's retry takes over too
        try (ChildProcess vigil = VigilProcess.start(run.config, Duration.ofSeconds(90));
             SiteConnection site = SiteClient.connect(run.site);
             KafkaTopicReader reader = new KafkaTopicReader(run.accepted, run.quarantine)) {
            SignalLedger ledger = new SignalLedger(run.accepted);
            // half the stream before Kafka stops, the other half published while it is down
            List<byte[]> before = run.envelopes.subList(0, MESSAGES / 2);
            List<byte[]> during = run.envelopes.subList(MESSAGES / 2, MESSAGES);
            Publisher publisher = new Publisher(site, run.signer.topic(), before);
            reader.pollUntil(records -> ledger.update(records).found().size() >= MESSAGES / 10, Duration.ofSeconds(120));
            ServiceControl.stop("kafka");
            try {
                await("Kafka stopped (scripts/services down kafka)").atMost(Duration.ofSeconds(30)).until(() -> !kafkaReachable());
                int writtenAtStop = ledger.found().size();
                assertThat(writtenAtStop).as("Kafka stopped mid-stream").isPositive().isLessThan(MESSAGES);
                // the stream goes on while Kafka is away: the broker and the receiver hold it
                publisher.awaitDone();
                publisher = new Publisher(site, run.signer.topic(), during);
                publisher.awaitDone();
                assertThat(kafkaReachable()).as("the second half was published while Kafka was down").isFalse();
            } finally {
                ServiceControl.start("kafka");
            }
            publisher.awaitDone();
            reader.pollUntil(records -> ledger.update(records).found().containsAll(run.published), Duration.ofSeconds(180));
            assertNothingLostOrQuarantined(ledger, run);
        }
    }

    /**
     * Every valid signed alarm was accepted: none lost, and none quarantined instead (a valid alarm
     * in quarantine never reaches an operator: for a monitoring centre it is lost too).
     */
    private static void assertNothingLostOrQuarantined(SignalLedger ledger, Run run) {
        assertThat(ledger.found()).containsAll(run.published);
        assertThat(ledger.quarantinedOnly()).as("valid alarms only in quarantine").isZero();
        assertThat(ledger.accepted()).containsAll(run.published);
    }

    private static boolean kafkaReachable() {
        String[] hostPort = io.vigil.kafka.KafkaClientConfig.from(TestEnvironment.get().properties()).bootstrapServers().split(",")[0].split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One test's site, signed envelopes, topics and receiver configuration. */
    private static final class Run {
        final String site;
        final DeviceSigner signer;
        final List<byte[]> envelopes = new ArrayList<>();
        final Set<String> published = new HashSet<>();
        final Map<String, String> config = new HashMap<>();
        final String accepted;
        final String quarantine;

        Run(String prefix) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            site = prefix + "-" + id;
            signer = TestSites.enroll(database.config(), site, SignatureAlgorithm.EDDSA);
            for (int i = 0; i < MESSAGES; i++) {
                byte[] envelope = signer.sign(Encoding.JWS, "application/vnd.vigil.cid",
                        ("1234 18 1602 00 " + String.format("%03d", i % 1000)).getBytes(StandardCharsets.US_ASCII));
                envelopes.add(envelope);
                published.add(EnvelopeIds.messageId(envelope));
            }
            // the receiver runs as its own process, isolated as a VigilTestApp would be
            VigilTestApp isolated = new VigilTestApp().withDatabase(database).forSites(site)
                    .with("vigil.mqtt.session-expiry-seconds", "300");
            config.putAll(isolated.overrides());
            accepted = isolated.topic("accepted");
            quarantine = isolated.topic("quarantine");
        }
    }
}
