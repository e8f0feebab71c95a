package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.bench.ChildProcess;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.Publisher;
import io.vigil.testing.ServiceControl;
import io.vigil.testing.SignalLedger;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilProcess;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
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
 * every signed message is afterwards in signals.accepted or in quarantine (some twice: at least once).
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
            reader.pollUntil(records -> ledger.update(records).found().size() >= MESSAGES / 4, Duration.ofSeconds(60));
            first.close(); // SIGKILL: no shutdown hook, no graceful drain
            int beforeKill = ledger.found().size();

            publisher.awaitDone(); // the broker holds the rest in the receiver's persistent session
            try (ChildProcess second = VigilProcess.start(run.config, Duration.ofSeconds(90))) {
                reader.pollUntil(records -> ledger.update(records).found().containsAll(run.published), Duration.ofSeconds(180));
                assertThat(beforeKill).isLessThan(MESSAGES);
                assertThat(ledger.found()).containsAll(run.published);
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
            Publisher publisher = new Publisher(site, run.signer.topic(), run.envelopes);
            reader.pollUntil(records -> ledger.update(records).found().size() >= MESSAGES / 4, Duration.ofSeconds(60));
            ServiceControl.stop("kafka");
            try {
                // the stream goes on while Kafka is away: the broker and the receiver hold it
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> publisher.acknowledged() > MESSAGES / 2);
            } finally {
                ServiceControl.start("kafka");
            }
            publisher.awaitDone();
            reader.pollUntil(records -> ledger.update(records).found().containsAll(run.published), Duration.ofSeconds(180));
            assertThat(ledger.found()).containsAll(run.published);
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
