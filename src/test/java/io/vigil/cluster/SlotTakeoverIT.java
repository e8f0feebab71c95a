package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.bench.ChildProcess;
import io.vigil.db.Database;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.Publisher;
import io.vigil.testing.SignalLedger;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilProcess;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.EnvelopeParser;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Two receiver processes share two MQTT receiver slots (docs/cluster.md); the one holding slot 1 is
 * killed with SIGKILL mid-stream and never restarted, and the sites go on publishing: the other node
 * takes slot 1 and its session over (what the killed node had not acknowledged, and what the broker
 * queued for the slot meanwhile), and every message of every site reaches signals.accepted, none
 * only in quarantine.
 */
class SlotTakeoverIT {

    private static final int SITES = 6;
    private static final int PER_SITE = 400;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static TestDatabase database;
    private static HikariDataSource pool;

    @BeforeAll
    static void database() {
        database = TestDatabase.createMigrated();
        pool = Database.appPool(database.config(), "slot-it");
    }

    @AfterAll
    static void drop() {
        pool.close();
        database.close();
    }

    @Test
    void aNodeKilledWithSigkillLosesNoMessageOfItsSlots() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SiteSlots slots = new SiteSlots(2);
        List<String> sites = sitesOfBothSlots(run, slots);
        Map<String, List<byte[]>> envelopes = new HashMap<>();
        Map<String, String> topics = new HashMap<>();
        Set<String> ofSlot1 = new HashSet<>();
        Set<String> published = new HashSet<>();
        for (String site : sites) {
            DeviceSigner signer = TestSites.enroll(database.config(), site, SignatureAlgorithm.EDDSA);
            List<byte[]> list = new ArrayList<>();
            for (int i = 0; i < PER_SITE; i++) {
                byte[] envelope = signer.sign(Encoding.JWS, "application/vnd.vigil.cid",
                        ("1234 18 1602 00 " + String.format("%03d", i % 1000)).getBytes(StandardCharsets.US_ASCII));
                list.add(envelope);
                String messageId = EnvelopeParser.parse(envelope).claims().messageId();
                published.add(messageId);
                if (slots.slotOf(site) == 1) {
                    ofSlot1.add(messageId);
                }
            }
            envelopes.put(site, list);
            topics.put(site, signer.topic());
        }
        VigilTestApp isolated = new VigilTestApp().withDatabase(database).forSites(sites.toArray(String[]::new))
                .with("vigil.mqtt.session-expiry-seconds", "300")
                .with("vigil.cluster.receiver-slots", "2")
                .with("vigil.cluster.slot-client-id-prefix", "vigil-test-" + run + "-slot-")
                .with("vigil.cluster.lease-duration", LEASE.toSeconds() + "s");
        Map<String, String> config = new HashMap<>(isolated.overrides());

        ChildProcess a = VigilProcess.start(with(config, "vigil.cluster.node-id", "node-a-" + run), Duration.ofSeconds(90));
        try (ChildProcess b = VigilProcess.start(with(config, "vigil.cluster.node-id", "node-b-" + run), Duration.ofSeconds(90));
             KafkaTopicReader reader = new KafkaTopicReader(isolated.topic("accepted"), isolated.topic("quarantine"))) {
            await("each node holds one slot").atMost(Duration.ofSeconds(30))
                    .until(() -> slotHolders().size() == 2 && new HashSet<>(slotHolders().values()).size() == 2);
            String killed = slotHolders().get(NodeLeases.slotLease(1));

            SignalLedger ledger = new SignalLedger(isolated.topic("accepted"));
            List<SiteConnection> connections = new ArrayList<>();
            List<Publisher> publishers = new ArrayList<>();
            try {
                // half of each site's stream before the kill, half right after it: the killed node's slot
                // session holds that half until the survivor resumes the session
                for (String site : sites) {
                    SiteConnection connection = SiteClient.connect(site);
                    connections.add(connection);
                    publishers.add(new Publisher(connection, topics.get(site), envelopes.get(site).subList(0, PER_SITE / 2)));
                }
                reader.pollUntil(records -> written(ledger.update(records), ofSlot1) >= ofSlot1.size() / 10,
                        Duration.ofSeconds(120));
                (killed.startsWith("node-a") ? a : b).close(); // SIGKILL: no release, no drain
                long killedAt = System.nanoTime();
                assertThat(written(ledger.update(reader.poll()), ofSlot1)).as("killed in the middle of its slot's stream")
                        .isLessThan(ofSlot1.size());
                for (int i = 0; i < sites.size(); i++) {
                    publishers.get(i).awaitDone();
                    List<byte[]> all = envelopes.get(sites.get(i));
                    publishers.add(new Publisher(connections.get(i), topics.get(sites.get(i)), all.subList(PER_SITE / 2, PER_SITE)));
                }
                for (Publisher publisher : publishers) {
                    publisher.awaitDone();
                }
                await("the survivor holds both slots").atMost(LEASE.multipliedBy(3))
                        .until(() -> slotHolders().size() == 2 && new HashSet<>(slotHolders().values()).size() == 1);
                System.out.printf("slot takeover after SIGKILL: %d ms%n", (System.nanoTime() - killedAt) / 1_000_000);
                reader.pollUntil(records -> ledger.update(records).found().containsAll(published), Duration.ofSeconds(120));
            } finally {
                for (SiteConnection connection : connections) {
                    connection.close();
                }
            }
            assertThat(ledger.accepted()).containsAll(published);
            assertThat(ledger.quarantinedOnly()).as("valid alarms only in quarantine").isZero();
        } finally {
            a.close();
            isolated.close(); // its topics (the processes ran on them); the database stays for the class
        }
    }

    private static long written(SignalLedger ledger, Set<String> messageIds) {
        return ledger.found().stream().filter(messageIds::contains).count();
    }

    /** Three sites of each slot, so that both nodes carry traffic. */
    private static List<String> sitesOfBothSlots(String run, SiteSlots slots) {
        List<String> sites = new ArrayList<>();
        int[] perSlot = new int[3];
        for (int i = 0; sites.size() < SITES; i++) {
            String site = "it-slot-" + run + "-" + i;
            int slot = slots.slotOf(site);
            if (perSlot[slot] < SITES / 2) {
                perSlot[slot]++;
                sites.add(site);
            }
        }
        return sites;
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> copy = new HashMap<>(config);
        copy.put(key, value);
        return copy;
    }

    /** Live slot leases and their holders. */
    private static Map<String, String> slotHolders() throws Exception {
        Map<String, String> holders = new HashMap<>();
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT name, node_id FROM cluster_lease"
                     + " WHERE name LIKE 'mqtt-slot-%' AND expires_at > clock_timestamp()");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                holders.put(rs.getString(1), rs.getString(2));
            }
        }
        return holders;
    }
}
