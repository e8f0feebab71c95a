package io.vigil.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditHead;
import io.vigil.audit.AuditOutput;
import io.vigil.audit.AuditQuery;
import io.vigil.audit.AuditVerifier;
import io.vigil.audit.CanonicalRow;
import io.vigil.audit.VerifyResult;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.support.LogSafe;
import java.io.PrintWriter;
import java.io.Writer;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil audit verify|query|head}: the audit trail for auditors and operators (docs/audit.md). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit trail (docs/audit.md).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Query.class, AuditCommand.Head.class})
public final class AuditCommand implements Runnable {

    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int FAILED = 3;

    private final Supplier<VigilProperties> properties;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public AuditCommand() {
        this(VigilProperties::load);
    }

    /** For tests and tools: the configuration to use instead of the loaded one. */
    public AuditCommand(Supplier<VigilProperties> properties) {
        this.properties = properties;
    }

    /** A command line of its own, e.g. {@code commandLine(props).execute("verify")}. */
    public static CommandLine commandLine(Supplier<VigilProperties> properties) {
        return new CommandLine(new AuditCommand(properties), new Factory(properties));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Walk the hash chain and report the first broken row.",
                    "Exit 0 intact, 1 broken (the row is printed), 2 usage error, 3 could not verify."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.ParentCommand AuditCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", paramLabel = "TIME", converter = IsoTime.class,
                description = "First recorded_at to check (inclusive, ISO-8601); the first row's link is taken on trust.")
        Instant from;

        @Option(names = "--to", paramLabel = "TIME", converter = IsoTime.class,
                description = "End of the range (exclusive, ISO-8601).")
        Instant to;

        @Option(names = "--anchor", paramLabel = "SEQ:HASH",
                description = "An exported head (vigil audit head): that row must still have that hash, or the chain"
                        + " must start right after it (detached partitions).")
        String anchor;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AuditVerifier.Anchor parsedAnchor;
            try {
                parsedAnchor = anchor == null ? null : AuditVerifier.Anchor.parse(anchor);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--anchor: " + e.getMessage());
            }
            AuditConfig config = AuditConfig.from(parent.properties.get());
            try (HikariDataSource pool = pool(parent.properties.get())) {
                VerifyResult result = new AuditVerifier(pool, config.fetchSize())
                        .verify(new AuditVerifier.Range(from, to, parsedAnchor));
                return report(result, out);
            } catch (Exception e) {
                err.println("vigil audit verify: could not verify: " + LogSafe.quote(e.getMessage()));
                return FAILED;
            }
        }

        private static int report(VerifyResult result, PrintWriter out) throws java.io.IOException {
            if (result instanceof VerifyResult.Broken broken) {
                out.println("BROKEN at seq " + broken.seq() + ": " + broken.problem() + ": " + broken.explanation());
                out.println("(" + broken.rowsChecked() + " rows before it are intact)");
                if (broken.row() != null) {
                    AuditOutput row = AuditOutput.asciiJsonLines(out);
                    row.write(broken.row());
                    row.flush();
                }
                out.flush();
                return BROKEN;
            }
            VerifyResult.Intact intact = (VerifyResult.Intact) result;
            out.println(intact.head() == null ? "intact: no rows in the range"
                    : "intact: " + intact.rowsChecked() + " rows, seq " + intact.firstSeq() + ".."
                            + intact.head().seq() + ", head " + intact.head().anchor());
            out.flush();
            return INTACT;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = {"Print audit rows in chain order, as JSON lines or CSV.",
                    "Every filter given must match; times are ISO-8601, --from inclusive, --to exclusive."})
    static final class Query implements Callable<Integer> {
        @CommandLine.ParentCommand AuditCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--site", paramLabel = "SITE") String site;
        @Option(names = "--incident", paramLabel = "INCIDENT") String incident;
        @Option(names = "--operator", paramLabel = "OPERATOR", description = "Rows whose actor is this operator.")
        String operator;
        @Option(names = "--actor-type", paramLabel = "TYPE", description = "system, operator or api_token.")
        String actorType;
        @Option(names = "--actor-id", paramLabel = "ID", description = "With --actor-type: the component, operator or token id.")
        String actorId;
        @Option(names = "--event", paramLabel = "EVENT") String event;
        @Option(names = "--kind", paramLabel = "KIND", description = "e.g. signal.quarantined") String kind;
        @Option(names = "--from", paramLabel = "TIME", converter = IsoTime.class) Instant from;
        @Option(names = "--to", paramLabel = "TIME", converter = IsoTime.class) Instant to;
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "jsonl (default) or csv.")
        String format;
        @Option(names = "--spreadsheet-safe", description = "CSV only: prefix cells that start like a formula (= + - @) with '.")
        boolean spreadsheetSafe;

        @Override
        public Integer call() {
            AuditFilter filter;
            try {
                if (operator != null && actorType != null) {
                    throw new IllegalArgumentException("--operator and --actor-type exclude each other");
                }
                filter = AuditFilter.ALL.site(site).incident(incident).event(event).kind(kind).between(from, to);
                filter = operator != null ? filter.operator(operator) : filter.actor(actorType, actorId);
                if (!format.equals("jsonl") && !format.equals("csv")) {
                    throw new IllegalArgumentException("--format is jsonl or csv");
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            AuditConfig config = AuditConfig.from(parent.properties.get());
            try (HikariDataSource pool = pool(parent.properties.get())) {
                Writer out = spec.commandLine().getOut();
                AuditOutput output = format.equals("csv") ? AuditOutput.csv(out, spreadsheetSafe) : AuditOutput.jsonLines(out);
                long rows = new AuditQuery(pool, config.fetchSize()).run(filter, output);
                spec.commandLine().getErr().println(rows + " row(s)");
                return 0;
            } catch (Exception e) {
                spec.commandLine().getErr().println("vigil audit query: " + LogSafe.quote(e.getMessage()));
                return FAILED;
            }
        }
    }

    @Command(name = "head", mixinStandardHelpOptions = true,
            description = {"Print the newest row's seq, recorded_at and hash as one JSON line.",
                    "Export it regularly (SIEM, WORM storage): verify --anchor SEQ:HASH proves the chain still"
                            + " holds it. An empty chain prints seq 0 and the genesis hash."})
    static final class Head implements Callable<Integer> {
        @CommandLine.ParentCommand AuditCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (HikariDataSource pool = pool(parent.properties.get()); Connection connection = pool.getConnection()) {
                Optional<AuditHead> head = AuditHead.read(connection);
                spec.commandLine().getOut().println(head.map(AuditHead::toJson)
                        .orElse("{\"seq\":0,\"recorded_at\":null,\"hash\":\"" + io.vigil.audit.Hex.of(CanonicalRow.GENESIS) + "\"}"));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (Exception e) {
                spec.commandLine().getErr().println("vigil audit head: " + LogSafe.quote(e.getMessage()));
                return FAILED;
            }
        }
    }

    /** ISO-8601: an instant ({@code ...Z}), a date-time with offset, or a date (its 00:00 UTC). */
    static final class IsoTime implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                if (value.length() == 10) {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("not an ISO-8601 time (2025-01-05T10:00:00Z,"
                        + " 2025-01-05T11:00:00+01:00 or 2025-01-05): " + LogSafe.quote(value));
            }
        }
    }

    // read-only work: the application role, which may SELECT the audit table and nothing more
    private static HikariDataSource pool(VigilProperties properties) {
        DatabaseConfig config = DatabaseConfig.from(properties);
        return Database.appPool(config.withPoolSize(2), "vigil-audit-cli");
    }

    /** Builds the subcommands with the same configuration supplier as their parent. */
    private record Factory(Supplier<VigilProperties> properties) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == AuditCommand.class) {
                return type.cast(new AuditCommand(properties));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

}
