package io.vigil.bench;

import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.dc09.Dc09Answers;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.pki.DevPki;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.PostgresKeyRegistry;
import io.vigil.trust.keys.SecretsConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * dc09_ingest: SIA DC-09 over TCP into the shipped receiver ({@code vigil run} with its DC-09 port on),
 * through to {@code signals.accepted}: {@code vigil.bench.dc09.panels} panels, each enrolled as a
 * {@code dc09-aes} site with its own AES-128 key and one connection, each sending encrypted alarms
 * one after the other and waiting for the ACK (which the receiver writes after Kafka acknowledged
 * the record). Frames per second, ACK latency (send to ACK) and the receiver's CPU per 1,000 frames.
 */
final class Dc09IngestScenario implements Scenario {

    static final String NAME = "dc09_ingest";

    // its panels' accounts and sequence numbers start again on a second run: the frames would be the
    // first run's retransmissions (duplicates), not new traffic
    @Override
    public boolean repeatable() {
        return false;
    }
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final List<Panel> panels = new ArrayList<>();
    private ChildProcess receiver;
    private int port;

    private record Panel(String account, Dc09Cipher cipher) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void setup(BenchContext context) throws Exception {
        VigilProperties p = context.properties();
        String tag = context.newTag();
        int count = p.getInt("vigil.bench.dc09.panels", 100);
        DatabaseConfig database = DatabaseConfig.from(p);
        Database.migrate(database);
        SecureRandom random = new SecureRandom();
        try (HikariDataSource pool = Database.appPool(database, "vigil-bench-dc09")) {
            SiteEnrollment enrollment = new SiteEnrollment(new PostgresKeyRegistry(pool), context.pki(),
                    p.getPath("vigil.sites.dir", "var/sites"), context.sharedMqttBrokerUrl(), Clock.systemUTC(),
                    SecretsConfig.from(p));
            for (int i = 1; i <= count; i++) {
                String account = tag.toUpperCase(Locale.ROOT) + String.format(Locale.ROOT, "%04d", i);
                byte[] key = new byte[16];
                random.nextBytes(key);
                enrollment.enrollWithProfile(DevPki.requireSiteId("bench-dc09-" + tag + "-" + i), "dc09 bench panel",
                        TrustProfile.DC09_AES, new SiteEnrollment.NewSecret(TrustProfile.DC09_AES, account, key));
                panels.add(new Panel(account, Dc09Cipher.ofKey(key)));
            }
        }
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> overrides = new HashMap<>();
        overrides.put("vigil.mqtt.topic", "sites/bench-dc09-nobody/#");
        overrides.put("vigil.mqtt.client-id", "bench-dc09-" + tag);
        overrides.put("vigil.mqtt.session-expiry-seconds", "60");
        for (String role : io.vigil.kafka.VigilTopics.ROLES) {
            overrides.put("vigil.kafka.topic." + role, "bench." + tag + "." + role);
        }
        overrides.put("vigil.normalize.group-id", "bench-normalize-" + tag);
        overrides.put("vigil.audit.signals.group-id", "bench-audit-" + tag);
        overrides.put("vigil.escalation.group-id", "bench-escalation-" + tag);
        overrides.put("vigil.supervision.snapshot-file",
                context.settings().outputDir().resolve("supervision-" + tag + ".snapshot").toString());
        overrides.put("vigil.api.enabled", "false");
        overrides.put("vigil.dc09.tcp.enabled", "true");
        overrides.put("vigil.dc09.tcp.port", Integer.toString(port));
        overrides.put("vigil.dc09.max-connections", Integer.toString(count + 10));
        receiver = ChildProcess.start(NAME, ChildProcess.vigilCommand(ChildProcesses.JVM_OPTIONS, overrides, List.of("run")),
                context.logFile(NAME), line -> line.contains("DC-09 TCP listener on"), ChildProcess.Listener.NONE,
                ChildProcesses.START_TIMEOUT);
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        long measured = context.settings().messages();
        long warmup = context.settings().warmupMessages();
        exchange(warmup, new Histogram(3_600_000_000L, 3), new AtomicLong());
        long cpuBefore = receiver.accounting().cpuMillis();
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicLong unanswered = new AtomicLong();
        long start = System.nanoTime();
        long acked = exchange(measured, latency, unanswered);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = receiver.accounting().cpuMillis() - cpuBefore;
        LatencySummary summary = LatencySummary.ofMicros(latency);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("panels", panels.size());
        details.put("frames", measured);
        details.put("acked", acked);
        details.put("encryption", "AES-128-CBC (DC-09)");
        details.put("latency", "send to ACK at the panel; the ACK follows the Kafka acknowledgement of signals.accepted");
        return new ScenarioResult(NAME, acked / seconds, summary.p50Millis(), summary.p99Millis(), summary.p999Millis(),
                unanswered.get(), ScenarioResult.perThousand(cpu, acked), receiver.accounting().peakRssMegabytes(), details);
    }

    /** Every panel sends its share of {@code frames} over its connection, one at a time; returns the ACKs. */
    private long exchange(long frames, Histogram latency, AtomicLong unanswered) throws InterruptedException {
        AtomicLong acked = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            Panel panel = panels.get(i);
            long share = frames / panels.size() + (i < frames % panels.size() ? 1 : 0);
            Thread thread = new Thread(() -> run(panel, share, latency, acked, unanswered), "dc09-panel-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        return acked.get();
    }

    private void run(Panel panel, long frames, Histogram latency, AtomicLong acked, AtomicLong unanswered) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (long n = 0; n < frames; n++) {
                String seq = String.format(Locale.ROOT, "%04d", n % 10_000);
                String body = "\"SIA-DCS\"" + seq + "R1L1#" + panel.account + "[#" + panel.account + "|NBA01]_"
                        + TIME.format(Instant.now());
                byte[] frame = ("\n" + Dc09Decryption.encrypt(new String(Dc09Answers.framed(body), StandardCharsets.ISO_8859_1),
                        panel.cipher) + "\r").getBytes(StandardCharsets.ISO_8859_1);
                long sent = System.nanoTime();
                out.write(frame);
                out.flush();
                String answer = readAnswer(in);
                if (answer != null && answer.contains("\"*ACK\"")) {
                    synchronized (latency) {
                        latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
                    }
                    acked.incrementAndGet();
                } else {
                    unanswered.incrementAndGet();
                }
            }
        } catch (IOException e) {
            unanswered.incrementAndGet();
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder(96);
        int b;
        while ((b = in.read()) >= 0) {
            answer.append((char) b);
            if (b == '\r') {
                return answer.toString();
            }
        }
        return null;
    }

    @Override
    public void teardown(BenchContext context) throws Exception {
        if (receiver != null) {
            receiver.terminate(ChildProcesses.STOP_GRACE);
        }
    }
}
