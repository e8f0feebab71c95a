package io.vigil.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.pki.DevPki;
import io.vigil.simulate.EnrolledSites;
import io.vigil.simulate.SignalKind;
import io.vigil.simulate.SimulatedSite;
import io.vigil.simulate.SimulationStats;
import io.vigil.simulate.Simulator;
import io.vigil.simulate.SiteConnection;
import io.vigil.simulate.TrafficMix;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.PostgresKeyRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate sites: each with its own mTLS certificate and signing key (enrolled through the registry),"
                + " publishing heartbeats, sensor readings and alarms with restores, plus a share of bad traffic"
                + " (bad signature, replay, stale, oversize, malformed), at a target rate. Run the receiver"
                + " separately (vigil run).")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--sites", defaultValue = "20", description = "How many sites (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--site-prefix", defaultValue = "sim", description = "Site ids are <prefix>-0001, ... (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--rate", defaultValue = "200", description = "Messages per second over all sites; 0 = as fast as possible.")
    double rate;

    @Option(names = "--messages", defaultValue = "" + Long.MAX_VALUE, description = "Stop after this many messages.")
    long messages;

    @Option(names = "--duration", defaultValue = "60s", description = "Stop after this long (e.g. 30s, 5m).")
    String duration;

    @Option(names = "--bad-share", defaultValue = "0.05", description = "Share of bad traffic, 0..1 (default: ${DEFAULT-VALUE}).")
    double badShare;

    @Option(names = "--in-flight", defaultValue = "1000", description = "Messages awaiting their PUBACK at most.")
    int inFlight;

    @Override
    public Integer call() throws Exception {
        VigilProperties properties = VigilProperties.load();
        DevPki pki = PkiCommand.pki(properties);
        String brokerUrl = properties.get("vigil.mqtt.sites-broker-url");
        PrintStream out = System.out;
        List<SimulatedSite> simulated = new ArrayList<>();
        SimulationStats stats = new SimulationStats();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-simulate-progress");
            thread.setDaemon(true);
            return thread;
        });
        boolean terminal = System.console() != null;
        try (HikariDataSource pool = Database.appPool(DatabaseConfig.from(properties), "vigil-simulate")) {
            Database.migrate(DatabaseConfig.from(properties));
            EnrolledSites enrolled = new EnrolledSites(new PostgresKeyRegistry(pool), new SiteEnrollment(
                    new PostgresKeyRegistry(pool), pki, properties.getPath("vigil.sites.dir", "var/sites"), brokerUrl,
                    Clock.systemUTC()));
            out.printf("enrolling and connecting %d sites...%n", sites);
            for (int i = 1; i <= sites; i++) {
                String site = String.format("%s-%04d", prefix, i);
                var signer = enrolled.signerFor(site, Clock.systemUTC());
                simulated.add(new SimulatedSite(SiteConnection.open(brokerUrl, site,
                        MqttTls.socketFactory(pki.siteKeystore(site), pki.truststore(), pki.password())), signer));
            }
            progress.scheduleAtFixedRate(() -> {
                if (terminal) {
                    out.print("\r" + stats.line());
                } else {
                    out.println(stats.line());
                }
                out.flush();
            }, 1, terminal ? 1 : 5, TimeUnit.SECONDS);
            new Simulator(simulated, new TrafficMix(badShare, Clock.systemUTC(), System.nanoTime()), stats, inFlight)
                    .run(messages, SiteCommand.parseDuration(duration), rate);
        } finally {
            progress.shutdownNow();
            for (SimulatedSite site : simulated) {
                site.connection().close();
            }
        }
        out.println();
        out.println("summary: " + stats.line());
        out.printf("bad traffic sent: %,d (the receiver must quarantine each with its reason); refused by the broker: %,d%n",
                stats.bad(), stats.refused());
        for (SignalKind kind : SignalKind.values()) {
            out.printf("  %-14s %,d%n", kind.name().toLowerCase(java.util.Locale.ROOT), stats.sent(kind));
        }
        return stats.refused() == 0 ? 0 : 1;
    }
}
