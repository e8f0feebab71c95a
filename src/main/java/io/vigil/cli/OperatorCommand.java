package io.vigil.cli;

import io.vigil.api.auth.Role;
import io.vigil.audit.Actor;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditKind;
import io.vigil.audit.PostgresAuditLog;
import io.vigil.config.VigilProperties;
import io.vigil.console.ConsoleConfig;
import io.vigil.console.OperatorAccounts;
import io.vigil.console.TotpCodes;
import io.vigil.support.LogSafe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil operator add|reset-password|disable|list}: console accounts from the shell, straight in
 * the database (docs/console.md, "Accounts"). Passwords are generated and printed once; each act is
 * audited with actor {@code system/cli} and the operating-system user.
 */
@Command(name = "operator", mixinStandardHelpOptions = true, description = "Operator console accounts (docs/console.md).",
        subcommands = {OperatorCommand.Add.class, OperatorCommand.ResetPassword.class, OperatorCommand.Disable.class,
                OperatorCommand.ListAccounts.class})
public final class OperatorCommand implements Runnable {

    private static final SecureRandom RANDOM = new SecureRandom();
    // no 0/O, 1/l/I: a password read off a screen
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    static final int GENERATED_LENGTH = 20;

    private final Supplier<VigilProperties> properties;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public OperatorCommand() {
        this(VigilProperties::load);
    }

    public OperatorCommand(Supplier<VigilProperties> properties) {
        this.properties = properties;
    }

    public static CommandLine commandLine(Supplier<VigilProperties> properties) {
        return new CommandLine(new OperatorCommand(properties));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    interface Work<T> {
        T run(OperatorAccounts accounts, PostgresAuditLog audit) throws Exception;
    }

    <T> T withAccounts(Work<T> work) throws Exception {
        VigilProperties p = properties.get();
        return AuditedDatabase.run(p, "vigil-operator-cli",
                (pool, audit) -> work.run(new OperatorAccounts(pool, Clock.systemUTC(), ConsoleConfig.from(p)), audit));
    }

    /** A new password: 20 characters of a 57-letter alphabet, about 116 bits. */
    public static char[] generatePassword() {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return password;
    }

    char[] password(boolean fromStdin) throws Exception {
        if (!fromStdin) {
            return generatePassword();
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("--password-stdin: no line on standard input");
        }
        return line.toCharArray();
    }

    static void audit(PostgresAuditLog audit, String kind, String name, Map<String, Object> details) throws Exception {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("operator", name);
        all.put("os_user", ApiCommand.osUser());
        ApiCommand.audit(audit, AuditEntry.of(kind, Actor.system("cli")).details(all));
    }

    static int execute(CommandLine.Model.CommandSpec spec, Callable<Integer> body) {
        try {
            return body.call();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (Exception e) {
            spec.commandLine().getErr().println("vigil operator: " + LogSafe.quote(String.valueOf(e.getMessage())));
            return 1;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Create an account and print its password on stdout, once (and the TOTP URI with --totp)."})
    static final class Add implements Callable<Integer> {
        @CommandLine.ParentCommand OperatorCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "the account name (letters, digits, . _ @ -)") String name;
        @Option(names = "--role", required = true, description = "operator, supervisor, technician, auditor or admin") String role;
        @Option(names = "--totp", description = "require a TOTP code at sign-in") boolean totp;
        @Option(names = "--password-stdin", description = "read the password from stdin instead of generating one")
        boolean passwordStdin;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                Role parsed = Role.parse(role);
                char[] password = parent.password(passwordStdin);
                byte[] secret = parent.withAccounts((accounts, audit) -> {
                    byte[] created = accounts.add(name, parsed, password, totp);
                    audit(audit, AuditKind.OPERATOR_ADDED, name, Map.of("role", parsed.wireName(), "totp", totp));
                    return created;
                });
                PrintWriter out = spec.commandLine().getOut();
                if (!passwordStdin) {
                    out.println(new String(password));
                }
                if (secret != null) {
                    out.println(TotpCodes.uri("Vigil", name, secret));
                }
                out.flush();
                spec.commandLine().getErr().printf("operator %s (%s) added%s%n", name, parsed.wireName(),
                        passwordStdin ? "" : "; the password above is not shown again");
                return 0;
            });
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Give an account a new password (printed once), lift its lock and end its sessions.")
    static final class ResetPassword implements Callable<Integer> {
        @CommandLine.ParentCommand OperatorCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "the account name") String name;
        @Option(names = "--password-stdin", description = "read the password from stdin instead of generating one")
        boolean passwordStdin;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                char[] password = parent.password(passwordStdin);
                boolean done = parent.withAccounts((accounts, audit) -> {
                    boolean changed = accounts.resetPassword(name, password);
                    if (changed) {
                        audit(audit, AuditKind.OPERATOR_PASSWORD_RESET, name, Map.of());
                    }
                    return changed;
                });
                if (!done) {
                    spec.commandLine().getErr().println("vigil operator reset-password: no account " + LogSafe.quote(name));
                    return 1;
                }
                if (!passwordStdin) {
                    spec.commandLine().getOut().println(new String(password));
                    spec.commandLine().getOut().flush();
                }
                return 0;
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an account for good; its sessions end.")
    static final class Disable implements Callable<Integer> {
        @CommandLine.ParentCommand OperatorCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "the account name") String name;
        @Option(names = "--reason", required = true, description = "why, for the audit") String reason;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                boolean done = parent.withAccounts((accounts, audit) -> {
                    boolean changed = accounts.disable(name, reason);
                    if (changed) {
                        audit(audit, AuditKind.OPERATOR_DISABLED, name, Map.of("reason", reason));
                    }
                    return changed;
                });
                if (!done) {
                    spec.commandLine().getErr().println("vigil operator disable: no enabled account " + LogSafe.quote(name));
                    return 1;
                }
                spec.commandLine().getOut().printf("operator %s disabled%n", name);
                spec.commandLine().getOut().flush();
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts (never a password or secret).")
    static final class ListAccounts implements Callable<Integer> {
        @CommandLine.ParentCommand OperatorCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                var accounts = parent.withAccounts((store, audit) -> store.list());
                PrintWriter out = spec.commandLine().getOut();
                String format = "%-24s %-10s %-5s %-9s %s%n";
                out.printf(format, "NAME", "ROLE", "TOTP", "STATUS", "PASSWORD SET");
                java.time.Instant now = java.time.Instant.now();
                for (var a : accounts) {
                    String status = a.disabledAt() != null ? "disabled"
                            : a.lockedUntil() != null && a.lockedUntil().isAfter(now) ? "locked" : "active";
                    out.printf(format, a.name(), a.role().wireName(), a.totp() ? "yes" : "no", status, a.passwordSetAt());
                }
                out.flush();
                return 0;
            });
        }
    }
}
