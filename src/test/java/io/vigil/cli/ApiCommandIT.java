package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.api.auth.ApiTokens;
import io.vigil.api.auth.Principal;
import io.vigil.api.auth.Role;
import io.vigil.audit.AuditFilter;
import io.vigil.audit.AuditKind;
import io.vigil.audit.AuditOutput;
import io.vigil.audit.AuditQuery;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** vigil api token create|list|revoke: the way to the first admin token. */
class ApiCommandIT {

    private static TestDatabase database;
    private static VigilProperties properties;
    private static HikariDataSource pool;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void database() {
        database = TestDatabase.createMigrated();
        properties = TestEnvironment.get().properties(Map.of("vigil.db.url", database.config().url()));
        pool = Database.appPool(database.config(), "api-cli-test");
    }

    @AfterAll
    static void drop() {
        pool.close();
        database.close();
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ApiCommand.commandLine(() -> properties);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void createPrintsAWorkingTokenOnceAndAuditsTheActWithoutIt() throws Exception {
        Run created = run("token", "create", "--principal", "first-admin", "--role", "admin", "--ttl", "2d");

        assertThat(created.exitCode()).as(created.err()).isZero();
        String token = created.out().trim();
        assertThat(token).startsWith("vgl_").hasSize(47);
        assertThat(created.err()).contains("first-admin").contains("not shown again").doesNotContain(token);
        Optional<Principal> principal = new ApiTokens(pool, Clock.systemUTC()).authenticate(token);
        assertThat(principal).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("first-admin");
            assertThat(p.role()).isEqualTo(Role.ADMIN);
            assertThat(p.expiresAt()).isBetween(Instant.now().plus(Duration.ofHours(47)), Instant.now().plus(Duration.ofHours(49)));
        });

        StringWriter audit = new StringWriter();
        new AuditQuery(pool, 100).run(AuditFilter.ALL.kind(AuditKind.TOKEN_CREATED), AuditOutput.jsonLines(audit));
        JsonNode row = new ObjectMapper().readTree(audit.toString().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(row.get("actor_type").asText()).isEqualTo("system");
        assertThat(row.get("actor_id").asText()).isEqualTo("cli");
        assertThat(row.get("details").get("principal").asText()).isEqualTo("first-admin");
        assertThat(row.get("details").get("os_user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(audit.toString()).doesNotContain(token.substring(4));
    }

    @Test
    void listShowsTokensWithoutSecretsAndRevokeEndsOne() throws Exception {
        String token = run("token", "create", "--principal", "temp", "--role", "auditor").out().trim();
        String id = new ApiTokens(pool, Clock.systemUTC()).authenticate(token).orElseThrow().tokenId();

        Run list = run("token", "list", "--json");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(id).contains("\"auditor\"").doesNotContain(token.substring(4));

        Run revoke = run("token", "revoke", id, "--reason", "done");
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(new ApiTokens(pool, Clock.systemUTC()).authenticate(token)).isEmpty();
        assertThat(run("token", "revoke", id, "--reason", "again").exitCode()).isEqualTo(1);
        assertThat(run("token", "list").out()).contains(id).contains("revoked");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run("token", "create", "--principal", "a b", "--role", "admin").exitCode()).isEqualTo(2);
        assertThat(run("token", "create", "--principal", "ok", "--role", "root").exitCode()).isEqualTo(2);
        assertThat(run("token", "create", "--principal", "ok", "--role", "admin", "--ttl", "400d").exitCode()).isEqualTo(2);
        assertThat(run("token", "create", "--role", "admin").exitCode()).isEqualTo(2);
        assertThat(run("token", "revoke", "tok_x", "--reason", " ").exitCode()).isEqualTo(2);
    }
}
