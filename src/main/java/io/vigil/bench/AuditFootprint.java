package io.vigil.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditKind;
import io.vigil.audit.AuditOutput;
import io.vigil.audit.AuditQuery;
import io.vigil.audit.AuditReceipt;
import io.vigil.audit.AuditRow;
import io.vigil.audit.AuditRows;
import io.vigil.audit.AuditVerifier;
import io.vigil.audit.CanonicalRow;
import io.vigil.audit.Hex;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.audit.VerifyResult;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Measures the audit trail at size, for the benchmark harness (not a test): fills a database with
 * N chained rows through COPY, then measures (a) {@code verify} throughput, (b) the latency of
 * site-day queries over random site-days, and optionally (c) append throughput of
 * {@link PostgresAuditLog}. Prints a summary and one JSON line of numbers.
 *
 * <pre>java -cp 'target/vigil.jar:target/lib/*' io.vigil.bench.AuditFootprint --rows 10000000</pre>
 */
@Command(name = "audit-footprint", mixinStandardHelpOptions = true,
        description = "Fill an audit table with N chained rows and measure verify and site-day queries.")
public final class AuditFootprint implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows to fill (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--sites", defaultValue = "1000", description = "Distinct sites (default ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--days", defaultValue = "92", description = "Days the rows span (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", defaultValue = "2025-01-01T00:00:00Z", description = "Time of the first row.")
    String start;

    @Option(names = "--queries", defaultValue = "1000", description = "Random site-day queries to time.")
    int queries;

    @Option(names = "--append", defaultValue = "0", description = "Also time this many appends through PostgresAuditLog.")
    int appends;

    @Option(names = "--database", description = "Use this existing, migrated database and skip the fill"
            + " (default: create a fresh database, fill it, drop it at the end).")
    String existingDatabase;

    @Option(names = "--keep", description = "Keep the database it created (to rerun the measurements with --database).")
    boolean keep;

    @Option(names = "--seed", defaultValue = "42") long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AuditFootprint()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DatabaseConfig base = DatabaseConfig.from(VigilProperties.load());
        String name = existingDatabase != null ? existingDatabase
                : "vigil_footprint_" + UUID.randomUUID().toString().substring(0, 8);
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("--database must be a plain lower-case identifier");
        }
        DatabaseConfig config = base.withUrl(databaseUrl(base.url(), name));
        AuditConfig auditConfig = AuditConfig.from(VigilProperties.load());
        boolean created = existingDatabase == null;
        if (created) {
            // the name is generated above, not input: safe to put into DDL
            ddl(base, "CREATE DATABASE " + name + " OWNER " + base.ownerUser());
            ddl(base, "GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + base.appUser());
            Database.migrate(config);
        }
        try {
            Instant first = Instant.parse(start);
            if (created) {
                fill(config, first);
            }
            long total;
            try (HikariDataSource app = Database.appPool(config, "audit-footprint")) {
                total = count(app);
                say("database %s: %,d rows, %s on disk", name, total, size(config, name));
                double verifyRate = measureVerify(app, auditConfig, total);
                Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                double rowsPerQuery = measureSiteDays(app, auditConfig, first, latency);
                String appendJson = appends > 0 ? measureAppends(app, auditConfig) : "null";
                System.out.printf(Locale.ROOT, "{\"rows\":%d,\"sites\":%d,\"days\":%d,\"disk_bytes\":%d,"
                                + "\"verify_rows_per_s\":%.0f,\"site_day_queries\":%d,\"rows_per_site_day\":%.1f,"
                                + "\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"append\":%s}%n",
                        total, sites, days, sizeBytes(config, name), verifyRate, queries, rowsPerQuery,
                        ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                        ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()), appendJson);
            }
        } finally {
            if (created && !keep) {
                ddl(base, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else if (created) {
                say("kept database %s (rerun with --database %s)", name, name);
            }
        }
        return 0;
    }

    // ---- fill: COPY in the text format, hashes chained in Java exactly as the appender does ----

    private void fill(DatabaseConfig config, Instant first) throws Exception {
        long spanMicros = ChronoUnit.MICROS.between(first, first.plus(Duration.ofDays(days)));
        long t0 = System.nanoTime();
        try (Connection owner = DriverManager.getConnection(config.url(), config.ownerUser(), config.ownerPassword())) {
            try (PreparedStatement ensure = owner.prepareStatement("SELECT audit_log_ensure_partition(?)")) {
                YearMonth last = YearMonth.from(first.plus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC));
                for (YearMonth m = YearMonth.from(first.atOffset(ZoneOffset.UTC)); !m.isAfter(last); m = m.plusMonths(1)) {
                    ensure.setObject(1, m.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                    ensure.execute();
                }
            }
            owner.setAutoCommit(false);
            PGConnection pg = owner.unwrap(PGConnection.class);
            String copy = "COPY audit_log (seq, recorded_at, format, kind, actor_type, actor_id, site_id, incident_id,"
                    + " event_id, reason, details, dedup_key, prev_hash, hash) FROM STDIN";
            CanonicalRow canonical = new CanonicalRow();
            SplittableRandom random = new SplittableRandom(seed);
            long firstMicros = AuditRow.micros(first);
            long stepMicros = Math.max(1, spanMicros / rows); // evenly spread, increasing along seq
            byte[] prev = CanonicalRow.GENESIS;
            long batch = 1_000_000; // rows per COPY / transaction
            for (long from = 1; from <= rows; from += batch) {
                long to = Math.min(rows, from + batch - 1);
                try (OutputStream out = new BufferedOutputStream(new PGCopyOutputStream(pg, copy), 1 << 16)) {
                    for (long seq = from; seq <= to; seq++) {
                        long micros = firstMicros + (seq - 1) * stepMicros;
                        AuditRow row = syntheticRow(random, seq, micros, prev);
                        byte[] hash = canonical.hash(prev, row);
                        writeCopyLine(out, row.withHashes(prev, hash));
                        prev = hash;
                    }
                }
                owner.commit();
                say("filled %,d rows (%.0f rows/s)", to, to / seconds(t0));
            }
            owner.setAutoCommit(true);
            try (Statement st = owner.createStatement()) {
                st.execute("VACUUM (ANALYZE) audit_log"); // what autovacuum would have done by now
            }
        }
        say("fill: %,d rows in %.1f s", rows, seconds(t0));
    }

    private AuditRow syntheticRow(SplittableRandom random, long seq, long micros, byte[] prev) {
        String site = String.format(Locale.ROOT, "site-%05d", random.nextInt(sites));
        int dice = random.nextInt(100);
        String event = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        if (dice < 90) {
            return new AuditRow(seq, micros, 1, AuditKind.SIGNAL_ACCEPTED, "system", "trust", site, null, event, null,
                    "{\"topic\":\"sites/" + site + "/alarm\",\"zone\":" + random.nextInt(64) + "}", event, prev, null);
        }
        if (dice < 97) {
            return new AuditRow(seq, micros, 1, AuditKind.SIGNAL_QUARANTINED, "system", "trust", site, null, event,
                    "bad_signature", "{\"topic\":\"sites/" + site + "/alarm\"}", event, prev, null);
        }
        String incident = "inc-" + random.nextInt(100_000);
        if (dice < 99) {
            return new AuditRow(seq, micros, 1, AuditKind.INCIDENT_CHANGED, "system", "escalation", site, incident,
                    event, "escalated", null, null, prev, null);
        }
        return new AuditRow(seq, micros, 1, AuditKind.OPERATOR_ACTION, "operator", "op-" + random.nextInt(50), site,
                incident, null, "acknowledge", "{\"note\":\"called keyholder\"}", null, prev, null);
    }

    private static void writeCopyLine(OutputStream out, AuditRow row) throws IOException {
        StringBuilder line = new StringBuilder(400);
        line.append(row.seq()).append('\t').append(AuditRows.iso(row.recordedAtMicros())).append('\t')
                .append(row.format());
        for (String text : new String[] {row.kind(), row.actorType(), row.actorId(), row.siteId(), row.incidentId(),
                row.eventId(), row.reason(), row.details(), row.dedupKey()}) {
            line.append('\t');
            copyText(line, text);
        }
        line.append("\t\\\\x").append(Hex.of(row.prevHash())).append("\t\\\\x").append(Hex.of(row.hash())).append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    // COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL
    private static void copyText(StringBuilder line, String text) {
        if (text == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    // ---- measurements ----

    private double measureVerify(HikariDataSource app, AuditConfig config, long total) throws SQLException {
        long t0 = System.nanoTime();
        VerifyResult result = new AuditVerifier(app, config.fetchSize()).verify(AuditVerifier.Range.ALL);
        double secs = seconds(t0);
        if (!(result instanceof VerifyResult.Intact)) {
            throw new IllegalStateException("the filled chain does not verify: " + result);
        }
        double rate = result.rowsChecked() / secs;
        say("verify: %,d rows in %.1f s = %,.0f rows/s (fetch size %d)", result.rowsChecked(), secs, rate,
                config.fetchSize());
        return rate;
    }

    private double measureSiteDays(HikariDataSource app, AuditConfig config, Instant first, Histogram latency)
            throws Exception {
        AuditQuery query = new AuditQuery(app, config.fetchSize());
        SplittableRandom random = new SplittableRandom(seed + 1);
        long returned = 0;
        int warmup = Math.min(100, queries);
        for (int i = -warmup; i < queries; i++) {
            String site = String.format(Locale.ROOT, "site-%05d", random.nextInt(sites));
            Instant day = first.plus(Duration.ofDays(random.nextInt(days)));
            AuditFilter filter = AuditFilter.ALL.site(site).between(day, day.plus(Duration.ofDays(1)));
            long t0 = System.nanoTime();
            // rendered as JSON lines into nothing: the cost an operator's query pays, minus the terminal
            long n = query.run(filter, AuditOutput.jsonLines(Writer.nullWriter()));
            long elapsed = System.nanoTime() - t0;
            if (i >= 0) {
                latency.recordValue(Math.min(elapsed, latency.getHighestTrackableValue()));
                returned += n;
            }
        }
        double perQuery = (double) returned / queries;
        say("site-day queries: %d, %.1f rows each on average; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                queries, perQuery, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()));
        return perQuery;
    }

    private String measureAppends(HikariDataSource app, AuditConfig config) throws Exception {
        StringBuilder json = new StringBuilder("{");
        int[][] setups = {{1, 1}, {config.batchSize(), 8}}; // {batch size, producer threads}
        for (int[] setup : setups) {
            int n = setup[0] == 1 ? Math.max(1, appends / 20) : appends;
            double rate = timeAppends(app, config.withBatchSize(setup[0]), n, setup[1]);
            say("append: batch size %d, %d producers: %,d rows, %,.0f rows/s", setup[0], setup[1], n, rate);
            json.append(json.length() > 1 ? "," : "").append("\"batch_").append(setup[0]).append("_rows_per_s\":")
                    .append(String.format(Locale.ROOT, "%.0f", rate));
        }
        return json.append('}').toString();
    }

    private static double timeAppends(HikariDataSource app, AuditConfig config, int n, int producers) throws Exception {
        long t0 = System.nanoTime();
        try (PostgresAuditLog log = PostgresAuditLog.start(app, config)) {
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            List<Future<CompletableFuture<?>>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                done.add(pool.submit(() -> {
                    List<CompletableFuture<AuditReceipt>> mine = new ArrayList<>();
                    for (int i = producer; i < n; i += producers) {
                        String event = UUID.randomUUID().toString();
                        mine.add(log.append(AuditEntry.signalAccepted("site-" + (i % 1000), event)
                                .details("{\"zone\":" + (i % 64) + "}")));
                    }
                    return CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new));
                }));
            }
            for (Future<CompletableFuture<?>> f : done) {
                f.get().get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }
        return n / seconds(t0);
    }

    // ---- plumbing ----

    private static long count(HikariDataSource app) throws SQLException {
        try (Connection c = app.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long sizeBytes(DatabaseConfig config, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.url(), config.ownerUser(), config.ownerPassword());
             PreparedStatement st = c.prepareStatement("SELECT pg_database_size(?)")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String size(DatabaseConfig config, String name) throws SQLException {
        return String.format(Locale.ROOT, "%.2f GiB", sizeBytes(config, name) / (1024.0 * 1024 * 1024));
    }

    private static void ddl(DatabaseConfig admin, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(admin.url(), admin.ownerUser(), admin.ownerPassword());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String databaseUrl(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void say(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
