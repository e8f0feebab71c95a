package io.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.ApiConfig;
import io.vigil.api.ApiJson;
import io.vigil.api.auth.ApiTokens;
import io.vigil.api.auth.Principal;
import io.vigil.api.auth.Role;
import io.vigil.api.auth.TokenRecord;
import io.vigil.api.routes.TokenRoutes;
import io.vigil.audit.Actor;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditKind;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.config.VigilProperties;
import io.vigil.support.LogSafe;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil api token create|list|revoke}: API tokens from the shell, straight in the database.
 * This is how the first admin token comes to be; the acts are audited with actor {@code system/cli}
 * and the operating-system user in the details.
 */
@Command(name = "api", mixinStandardHelpOptions = true, description = "The operator API (docs/api.md).",
        subcommands = ApiCommand.Token.class)
public final class ApiCommand implements Runnable {

    private final Supplier<VigilProperties> properties;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ApiCommand() {
        this(VigilProperties::load);
    }

    public ApiCommand(Supplier<VigilProperties> properties) {
        this.properties = properties;
    }

    /** A command line of its own, e.g. {@code commandLine(props).execute("token", "list")}. */
    public static CommandLine commandLine(Supplier<VigilProperties> properties) {
        return new CommandLine(new ApiCommand(properties));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    interface Work<T> {
        T run(ApiTokens tokens, PostgresAuditLog audit) throws Exception;
    }

    <T> T withTokens(Work<T> work) throws Exception {
        VigilProperties p = properties.get();
        return AuditedDatabase.run(p, "vigil-api-cli", (pool, audit) -> work.run(new ApiTokens(pool, Clock.systemUTC()), audit));
    }

    static String osUser() {
        return System.getProperty("user.name", "unknown");
    }

    static void audit(PostgresAuditLog audit, AuditEntry entry) throws Exception {
        audit.append(entry).get(30, TimeUnit.SECONDS);
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke API tokens.",
            subcommands = {Create.class, ListTokens.class, Revoke.class})
    static final class Token implements Runnable {
        @CommandLine.ParentCommand ApiCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    static int execute(CommandLine.Model.CommandSpec spec, Callable<Integer> body) {
        try {
            return body.call();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (Exception e) {
            spec.commandLine().getErr().println("vigil api token: " + LogSafe.quote(String.valueOf(e.getMessage())));
            return 1;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a token and print it on stdout, once: only its SHA-256 is stored.",
                    "Use it as `Authorization: Bearer <token>`."})
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand Token token;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--principal", required = true, description = "who the token is for (letters, digits, . _ @ -)")
        String principal;
        @Option(names = "--role", required = true, description = "operator, supervisor, technician, auditor or admin") String role;
        @Option(names = "--ttl", description = "lifetime, e.g. 30d (default vigil.api.token-ttl)") String ttl;
        @Option(names = "--description", defaultValue = "", description = "what the token is for") String description;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                VigilProperties p = token.parent.properties.get();
                ApiConfig config = ApiConfig.from(p);
                Principal.requireName(principal);
                Role parsedRole = Role.parse(role);
                Duration lifetime = ttl == null ? config.tokenTtl() : SiteCommand.parseDuration(ttl);
                if (lifetime.compareTo(config.tokenMaxTtl()) > 0) {
                    throw new IllegalArgumentException("--ttl is longer than vigil.api.token-max-ttl");
                }
                ApiTokens.Issued issued = token.parent.withTokens((tokens, audit) -> {
                    ApiTokens.Issued created = tokens.create(principal, parsedRole, description, lifetime, "cli:" + osUser());
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("created_token", created.record().id());
                    details.put("principal", principal);
                    details.put("granted_role", parsedRole.wireName());
                    details.put("expires_at", created.record().expiresAt().toString());
                    details.put("description", description);
                    details.put("os_user", osUser());
                    audit(audit, AuditEntry.of(AuditKind.TOKEN_CREATED, Actor.system("cli")).details(details));
                    return created;
                });
                spec.commandLine().getOut().println(issued.token());
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().printf("created %s for %s (%s), expires %s; the token above is not"
                                + " shown again%n", issued.record().id(), principal, parsedRole.wireName(),
                        issued.record().expiresAt());
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @CommandLine.ParentCommand Token token;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--json", description = "print JSON instead of a table") boolean json;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                List<TokenRecord> tokens = token.parent.withTokens((store, audit) -> store.list());
                PrintWriter out = spec.commandLine().getOut();
                Instant now = Instant.now();
                if (json) {
                    ObjectMapper mapper = ApiJson.mapper();
                    out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                            new TokenRoutes.Tokens(tokens.stream().map(t -> TokenRoutes.token(t, now)).toList())));
                } else {
                    String format = "%-20s %-24s %-10s %-8s %-24s %s%n";
                    out.printf(format, "ID", "PRINCIPAL", "ROLE", "STATUS", "EXPIRES", "DESCRIPTION");
                    for (TokenRecord t : tokens) {
                        String d = LogSafe.quote(t.description());
                        out.printf(format, t.id(), t.principal(), t.role().wireName(),
                                t.statusAt(now).name().toLowerCase(java.util.Locale.ROOT), t.expiresAt(),
                                d.substring(1, d.length() - 1));
                    }
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token for good.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.ParentCommand Token token;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "the token id (tok_...)") String id;
        @Option(names = "--reason", required = true, description = "why, for the audit") String reason;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                ApiTokens.Revocation result = token.parent.withTokens((tokens, audit) -> {
                    ApiTokens.Revocation revocation = tokens.revoke(id, "cli:" + osUser(), reason);
                    if (revocation instanceof ApiTokens.Revocation.Revoked revoked) {
                        audit(audit, AuditEntry.of(AuditKind.TOKEN_REVOKED, Actor.system("cli")).reason(reason)
                                .details(Map.of("revoked_token", id, "principal", revoked.token().principal(),
                                        "os_user", osUser())));
                    }
                    return revocation;
                });
                if (result instanceof ApiTokens.Revocation.Revoked) {
                    spec.commandLine().getOut().printf("token %s revoked%n", id);
                    spec.commandLine().getOut().flush();
                    return 0;
                }
                spec.commandLine().getErr().println("vigil api token revoke: "
                        + (result instanceof ApiTokens.Revocation.AlreadyRevoked ? "token is revoked already: " : "no token ")
                        + LogSafe.quote(id));
                return 1;
            });
        }
    }
}
