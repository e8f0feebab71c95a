package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditOutput;
import io.vigil.audit.AuditQuery;
import io.vigil.config.VigilProperties;
import io.vigil.console.ConsoleConfig;
import io.vigil.console.OperatorAccounts;
import io.vigil.console.SignIn;
import io.vigil.db.Database;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** vigil operator add|reset-password|disable|list (docs/console.md, "Accounts"). */
class OperatorCommandIT {

    private static TestDatabase database;
    private static VigilProperties properties;
    private static HikariDataSource pool;
    private static OperatorAccounts accounts;

    @BeforeAll
    static void database() {
        database = TestDatabase.createMigrated();
        properties = TestEnvironment.get().properties(Map.of("vigil.db.url", database.config().url()));
        pool = Database.appPool(database.config(), "operator-cli-test");
        accounts = new OperatorAccounts(pool, Clock.systemUTC(), ConsoleConfig.from(properties));
    }

    @AfterAll
    static void drop() {
        pool.close();
        database.close();
    }

    static ApiCommandIT.Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCommand.commandLine(() -> properties);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new ApiCommandIT.Run(code, out.toString(), err.toString());
    }

    @Test
    void addPrintsAGeneratedPasswordOnceResetReplacesItDisableEndsItAndEveryActIsAudited() throws Exception {
        ApiCommandIT.Run added = run("add", "--role", "operator", "olga");
        assertThat(added.exitCode()).as(added.err()).isZero();
        String password = added.out().trim();
        assertThat(password).hasSize(20).matches("[A-Za-z0-9]+");
        assertThat(added.err()).contains("not shown again").doesNotContain(password);
        assertThat(accounts.signIn("olga", password.toCharArray(), null)).isInstanceOf(SignIn.Accepted.class);
        assertThat(run("add", "--role", "operator", "olga").exitCode()).as("exists already").isNotZero();

        ApiCommandIT.Run reset = run("reset-password", "olga");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        String second = reset.out().trim();
        assertThat(second).hasSize(20).isNotEqualTo(password);
        assertThat(accounts.signIn("olga", password.toCharArray(), null)).isInstanceOf(SignIn.Refused.class);
        assertThat(accounts.signIn("olga", second.toCharArray(), null)).isInstanceOf(SignIn.Accepted.class);

        assertThat(run("disable", "--reason", "left the company", "olga").exitCode()).isZero();
        assertThat(accounts.signIn("olga", second.toCharArray(), null))
                .isEqualTo(new SignIn.Refused("olga", SignIn.Reason.DISABLED, false));
        assertThat(run("disable", "--reason", "again", "olga").exitCode()).isNotZero();
        assertThat(run("reset-password", "nobody").exitCode()).isNotZero();

        ApiCommandIT.Run totp = run("add", "--role", "supervisor", "--totp", "sam");
        assertThat(totp.out().lines().toList()).hasSize(2).last().asString()
                .startsWith("otpauth://totp/Vigil:sam?secret=");

        ApiCommandIT.Run list = run("list");
        assertThat(list.out()).contains("olga", "disabled", "sam", "supervisor", "yes").doesNotContain(second)
                .doesNotContain("argon2");

        StringWriter audit = new StringWriter();
        new AuditQuery(pool, 100).run(AuditFilter.ALL.actor("system", "cli"), AuditOutput.jsonLines(audit));
        assertThat(audit.toString()).contains("operator.added", "operator.password_reset", "operator.disabled")
                .doesNotContain(password).doesNotContain(second);
    }
}
