package io.vigil.dc09;

import static io.vigil.dc09.Dc09TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.bench.ChildProcess;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.VigilProcess;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.PostgresKeyRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A panel streams alarms to the receiver's DC-09 port; the receiver is killed with SIGKILL mid-stream
 * and started again. The panel does what panels do: no ACK (reset, silence) means send the same frame
 * again, to the same address, until one comes. Afterwards every frame is an event exactly once (one
 * message id, one event id) and linked once to one incident (issue 14, part 3).
 */
class Dc09ReceiverKillIT {

    private static final int FRAMES = 300;
    private static final int KILL_AFTER_ACKS = 100;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path sitesDir;

    @Test
    void framesUnackedAtTheKillAreSentAgainAndEachBecomesOneEventLinkedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        String account = "K" + run;
        String site = "it-dc09-kill-" + run.toLowerCase(Locale.ROOT);
        int port = freePort();
        try (TestDatabase database = TestDatabase.createMigrated();
             VigilTestApp isolated = new VigilTestApp().withDatabase(database).forSites("dc09-kill-nobody")
                     .with("vigil.dc09.tcp.enabled", "true").with("vigil.dc09.tcp.port", Integer.toString(port))
                     .with("vigil.dc09.time-behind", "900s") // a restart under load may take a while: the point is identity
                     .with("vigil.supervision.enabled", "false")) {
            enrollTransportOnly(database, site, account);
            Map<String, String> config = isolated.overrides();
            InetSocketAddress receiver = new InetSocketAddress("127.0.0.1", port);
            java.util.concurrent.CountDownLatch killPoint = new java.util.concurrent.CountDownLatch(KILL_AFTER_ACKS);
            java.util.concurrent.atomic.AtomicReference<ChildProcess> second = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicReference<Throwable> restartFailure = new java.util.concurrent.atomic.AtomicReference<>();
            ChildProcess first = VigilProcess.start(config, Duration.ofSeconds(90));
            Thread killer = new Thread(() -> {
                try {
                    killPoint.await();
                    first.close(); // SIGKILL while the panel streams: no shutdown hook, no drain
                    second.set(VigilProcess.start(config, Duration.ofSeconds(90)));
                } catch (Throwable e) {
                    restartFailure.set(e);
                }
            }, "killer");
            killer.start();
            Panel panel = new Panel(receiver, account);
            try {
                for (int seq = 1; seq <= FRAMES; seq++) {
                    panel.sendUntilAcked(seq, WAIT);
                    killPoint.countDown();
                }
                killer.join();
                assertThat(restartFailure.get()).as("the receiver restarted").isNull();
                assertThat(panel.retransmissions).as("frames sent again after the kill").isPositive();

                Set<String> messageIds = panel.messageIds;
                try (KafkaTopicReader accepted = new KafkaTopicReader(isolated.topic("accepted"))) {
                    Set<String> seen = new HashSet<>();
                    accepted.pollUntil(records -> {
                        records.forEach(r -> seen.add(KafkaTopicReader.header(r, "vigil_mid")));
                        return seen.containsAll(messageIds);
                    }, WAIT);
                }
                try (KafkaTopicReader alarms = new KafkaTopicReader(isolated.topic("alarm"))) {
                    List<String> eventIds = new ArrayList<>();
                    alarms.pollUntil(records -> {
                        eventIds.clear();
                        records.stream().filter(r -> site.equals(r.key()))
                                .forEach(r -> eventIds.add(eventId(r.value())));
                        return new HashSet<>(eventIds).size() >= FRAMES;
                    }, WAIT);
                    assertThat(new HashSet<>(eventIds)).as("one event id per frame").hasSize(FRAMES);
                }
                org.awaitility.Awaitility.await("every frame linked to an incident").atMost(WAIT)
                        .until(() -> links(database, site), links -> links[0] >= FRAMES);
                long[] links = links(database, site);
                assertThat(links[0]).as("links").isEqualTo(FRAMES);
                assertThat(links[1]).as("distinct events linked").isEqualTo(FRAMES);
                assertThat(links[2]).as("incidents: one burglary at this site").isEqualTo(1);
            } finally {
                first.close();
                killer.join();
                if (second.get() != null) {
                    second.get().close();
                }
                panel.close();
            }
        }
    }

    private void enrollTransportOnly(TestDatabase database, String site, String account) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.config().url());
        dataSource.setUser(database.config().appUser());
        dataSource.setPassword(database.config().appPassword());
        TestEnvironment.get().pki().issueSite(site);
        new SiteEnrollment(new PostgresKeyRegistry(dataSource), TestEnvironment.get().pki(), sitesDir,
                TestEnvironment.get().sitesBrokerUrl(), Clock.systemUTC())
                .enrollWithProfile(site, "", TrustProfile.TRANSPORT_ONLY, null, account);
    }

    /** links, distinct linked events, incidents of the site. */
    private static long[] links(TestDatabase database, String site) throws Exception {
        try (Connection c = DriverManager.getConnection(database.config().url(), database.config().appUser(),
                database.config().appPassword());
             PreparedStatement s = c.prepareStatement("SELECT count(*), count(DISTINCT event_id), count(DISTINCT incident_id)"
                     + " FROM incident_events WHERE site_id = ?")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static String eventId(byte[] json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("event_id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A panel: one connection, one frame at a time, the same frame again until it is acknowledged. */
    private static final class Panel implements AutoCloseable {
        private final InetSocketAddress receiver;
        private final String account;
        // in the past, one second apart: inside the receiver's window, and fixed per frame
        private final Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(FRAMES);
        final Set<String> messageIds = new HashSet<>();
        int retransmissions;
        private Dc09TestClient.Tcp connection;

        Panel(InetSocketAddress receiver, String account) {
            this.receiver = receiver;
            this.account = account;
        }

        /** Sends frame {@code seq} (its time fixed, so a retransmission is the same frame) until it is ACKed. */
        void sendUntilAcked(int seq, Duration within) throws Exception {
            Instant at = start.plusSeconds(seq);
            byte[] frame = frame("SIA-DCS", seq, account, "#" + account + "|NBA" + String.format("%02d", seq % 100), at);
            messageIds.add("dc09:" + account + ":" + String.format("%04d", seq) + ":" + at.getEpochSecond());
            String ack = "\"ACK\"" + String.format("%04d", seq);
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                try {
                    if (connection == null) {
                        // while the receiver restarts its port refuses: wait until it listens again
                        org.awaitility.Awaitility.await("the DC-09 port").atMost(within).pollInterval(Duration.ofMillis(200))
                                .ignoreExceptionsInstanceOf(IOException.class)
                                .until(() -> (connection = Dc09TestClient.tcp(receiver)) != null);
                    }
                    connection.send(frame);
                    String answer = connection.answer(Duration.ofSeconds(5));
                    if (answer != null && answer.contains(ack)) {
                        return;
                    }
                    dropConnection();
                } catch (IOException resetOrClosed) {
                    dropConnection();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("frame " + seq + " not acknowledged within " + within);
                }
                retransmissions++;
            }
        }

        private void dropConnection() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // gone already
                }
                connection = null;
            }
        }

        @Override
        public void close() {
            dropConnection();
        }
    }
}
