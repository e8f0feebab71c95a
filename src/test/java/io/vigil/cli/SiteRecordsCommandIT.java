package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.VigilProperties;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil site records import|export} against PostgreSQL: exit codes, per-row report, audit. */
class SiteRecordsCommandIT {

    private static TestDatabase db;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.createMigrated();
        sql("INSERT INTO sites (id) VALUES ('shop-1'), ('shop-2')");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void aFileWithBadRowsImportsNothingAndAGoodOneImportsAndExportsTheSame() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "site_id,kind,name,phone,reference\n"
                + "shop-1,police,City Police,101,URN 1\n"
                + "shop-1,army,Nobody,,\n"
                + "shop-9,guard,Guards Ltd,,G-7\n");
        assertThat(run("records", "import", "agencies", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 3: kind: must be one of").contains("nothing imported: 1 bad row(s)");
        assertThat(count("SELECT count(*) FROM site_agencies")).isZero();
        err.getBuffer().setLength(0);

        String good = "site_id,kind,name,phone,reference\n"
                + "shop-1,police,City Police,101,URN 1\n"
                + "shop-2,guard,\"Guards, Ltd\",+44 1 2,G-7\n";
        Path file = Files.writeString(dir.resolve("good.csv"), good);
        assertThat(run("records", "import", "agencies", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("imported 2 agencies row(s) for 2 site(s)");
        assertThat(count("SELECT count(*) FROM audit_log WHERE kind = 'site.records_imported'")).isEqualTo(1);
        out.getBuffer().setLength(0);

        assertThat(run("records", "export", "agencies")).isZero();
        assertThat(out.toString().replace("\r\n", "\n")).isEqualTo(good);
        out.getBuffer().setLength(0);
        assertThat(run("records", "export", "agencies", "--site", "shop-2")).isZero();
        assertThat(out.toString()).doesNotContain("shop-1").contains("shop-2");
    }

    @Test
    void anUnknownKindIsAClearError() {
        assertThat(run("records", "export", "keys")).isEqualTo(1);
        assertThat(err.toString()).contains("record kind must be one of");
    }

    private int run(String... args) {
        VigilProperties properties = TestEnvironment.get().properties(Map.of("vigil.db.url", db.config().url()));
        CommandLine cli = new CommandLine(new SiteCommand(properties));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(db.config().url(), db.config().appUser(), db.config().appPassword());
             PreparedStatement s = c.prepareStatement(statement)) {
            s.execute();
        }
    }

    private static long count(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(db.config().url(), db.config().ownerUser(), db.config().ownerPassword());
             PreparedStatement s = c.prepareStatement(query); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
