package io.vigil.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditKind;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.automation.site.RecordKind;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.automation.site.SiteRecordsCsv;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil site records import|export}: site records as CSV (docs/automation.md, "CSV import and export"). */
@Command(name = "records", mixinStandardHelpOptions = true,
        description = "Import or export site records (address, areas, zones, contacts, passwords, agencies) as CSV.",
        subcommands = {SiteRecordsCommand.Import.class, SiteRecordsCommand.Export.class})
final class SiteRecordsCommand implements Runnable {

    @CommandLine.ParentCommand SiteCommand site;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    interface Work<T> {
        T run(SiteRecordsCsv csv, PostgresAuditLog audit) throws Exception;
    }

    <T> T withCsv(Work<T> work) throws Exception {
        VigilProperties p = site.properties();
        DatabaseConfig db = DatabaseConfig.from(p);
        if (p.getBoolean("vigil.db.migrate-on-start", true)) {
            Database.migrate(db);
        }
        try (HikariDataSource pool = Database.appPool(db.withPoolSize(2), "vigil-site-records");
             PostgresAuditLog audit = PostgresAuditLog.start(pool, AuditConfig.from(p), Clock.systemUTC())) {
            return work.run(new SiteRecordsCsv(new SiteRecordStore(pool)), audit);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Replace one kind of record of every site the file names; all or nothing: any bad row"
                    + " writes nothing and is reported with its line (exit 1).")
    static final class Import implements Callable<Integer> {
        @CommandLine.ParentCommand SiteRecordsCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "sites, areas, zones, contacts, passwords or agencies") String kind;
        @Parameters(index = "1", description = "the CSV file (UTF-8, header line first); - for standard input") String file;

        @Override
        public Integer call() {
            return SiteCommand.execute(spec, () -> {
                RecordKind recordKind = RecordKind.parse(kind);
                String actor = SiteCommand.cliUser().id();
                SiteRecordsCsv.Result result = parent.withCsv((csv, audit) -> {
                    try (Reader in = file.equals("-") ? new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)
                            : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                        SiteRecordsCsv.Result done = csv.importCsv(recordKind, in, actor, Clock.systemUTC().instant());
                        if (done instanceof SiteRecordsCsv.Result.Imported imported) {
                            Map<String, Object> details = new LinkedHashMap<>();
                            details.put("kind", recordKind.wireName());
                            details.put("rows", imported.rows());
                            details.put("sites", new ArrayList<>(imported.sites()));
                            audit.append(AuditEntry.of(AuditKind.SITE_RECORDS_IMPORTED, SiteCommand.cliUser())
                                    .details(details)).join();
                        }
                        return done;
                    }
                });
                if (result instanceof SiteRecordsCsv.Result.Refused refused) {
                    PrintWriter err = spec.commandLine().getErr();
                    refused.errors().forEach(err::println);
                    err.printf("nothing imported: %d bad row(s)%n", refused.errors().size());
                    err.flush();
                    return 1;
                }
                SiteRecordsCsv.Result.Imported imported = (SiteRecordsCsv.Result.Imported) result;
                PrintWriter out = spec.commandLine().getOut();
                out.printf("imported %d %s row(s) for %d site(s)%n", imported.rows(), recordKind.wireName(),
                        imported.sites().size());
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write one kind of record as CSV on standard output, as import reads it (passwords as hashes).")
    static final class Export implements Callable<Integer> {
        @CommandLine.ParentCommand SiteRecordsCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "sites, areas, zones, contacts, passwords or agencies") String kind;
        @Option(names = "--site", description = "only this site (repeatable); default every site") List<String> sites;

        @Override
        public Integer call() {
            return SiteCommand.execute(spec, () -> {
                RecordKind recordKind = RecordKind.parse(kind);
                PrintWriter out = spec.commandLine().getOut();
                parent.withCsv((csv, audit) -> {
                    csv.export(recordKind, sites == null ? List.of() : sites, out);
                    return null;
                });
                out.flush();
                return 0;
            });
        }
    }
}
