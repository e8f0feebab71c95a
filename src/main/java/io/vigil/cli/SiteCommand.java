package io.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.db.DatabaseConfig;
import io.vigil.pki.DevPki;
import io.vigil.support.LogSafe;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.KeyRegistry;
import io.vigil.trust.keys.KeyRegistryException;
import io.vigil.trust.keys.PostgresKeyRegistry;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.keys.SecretsConfig;
import io.vigil.trust.keys.SiteKeyRecord;
import io.vigil.trust.keys.SiteSecretRecord;
import io.vigil.audit.Actor;
import io.vigil.audit.AuditConfig;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditKind;
import io.vigil.audit.PostgresAuditLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil site ...}: enrol sites and manage their signing keys (docs/envelope.md, "Keys"). */
@Command(name = "site", mixinStandardHelpOptions = true,
        description = "Enrol sites, manage their signing keys and their records.",
        subcommands = {SiteCommand.Enroll.class, SiteCommand.RotateKey.class, SiteCommand.RevokeKey.class,
                SiteCommand.Disable.class, SiteCommand.RevokeCert.class, SiteCommand.ListSites.class,
                SiteRecordsCommand.class})
public final class SiteCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final VigilProperties fixedProperties;

    public SiteCommand() {
        this(null);
    }

    /** With explicit configuration, for tests and tools. */
    public SiteCommand(VigilProperties properties) {
        this.fixedProperties = properties;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    VigilProperties properties() {
        return fixedProperties != null ? fixedProperties : VigilProperties.load();
    }

    /** Opens the registry (migrating first when configured to), runs the work, closes the pool. */
    <T> T withEnrollment(Work<T> work) {
        VigilProperties p = properties();
        DatabaseConfig db = DatabaseConfig.from(p);
        if (p.getBoolean("vigil.db.migrate-on-start", true)) {
            Database.migrate(db);
        }
        try (HikariDataSource pool = Database.appPool(db.withPoolSize(2), "vigil-site-admin");
             PostgresAuditLog audit = PostgresAuditLog.start(pool, AuditConfig.from(p), Clock.systemUTC())) {
            KeyRegistry registry = new PostgresKeyRegistry(pool);
            DevPki pki = new DevPki(p.getPath("vigil.pki.dir", "var/pki"), p.get("vigil.pki.password").toCharArray());
            SiteEnrollment enrollment = new SiteEnrollment(registry, pki, p.getPath("vigil.sites.dir", "var/sites"),
                    sitesBrokerUrl(p), Clock.systemUTC(), SecretsConfig.from(p));
            return work.run(registry, enrollment, entry -> audit.append(entry).join());
        }
    }

    /** The broker URL written into device bundles: the site listener. */
    public static String sitesBrokerUrl(VigilProperties p) {
        return p.get("vigil.sites.broker-url", p.get("vigil.mqtt.sites-broker-url", "ssl://localhost:8883"));
    }

    static Actor cliUser() {
        return Actor.operator("cli:" + System.getProperty("user.name", "unknown"));
    }

    interface Work<T> {
        /** {@code audit} appends one administration act and returns once it is durable. */
        T run(KeyRegistry registry, SiteEnrollment enrollment, java.util.function.Consumer<AuditEntry> audit);
    }

    /** Runs a subcommand, turning the expected failures into one line on stderr and exit code 1. */
    static int execute(CommandLine.Model.CommandSpec spec, Callable<Integer> body) {
        try {
            return body.call();
        } catch (IllegalArgumentException | IllegalStateException | KeyRegistryException e) {
            spec.commandLine().getErr().println("vigil " + spec.qualifiedName().replaceFirst("^vigil ", "") + ": "
                    + e.getMessage());
            return 1;
        } catch (Exception e) {
            throw new CommandLine.ExecutionException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Register a site: mTLS certificate, signing key pair, registry entry and device bundle var/sites/<id>/.")
    static final class Enroll implements Callable<Integer> {
        @CommandLine.ParentCommand SiteCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", description = "site id: 1-64 of letters, digits, '.', '_', '-'") String siteId;
        @Option(names = "--alg", defaultValue = "EdDSA", description = "EdDSA (default) or ES256") String alg;
        @Option(names = "--name", defaultValue = "", description = "a human-readable name") String name;
        @Option(names = "--profile", defaultValue = "signed", description = "trust profile: signed (default), "
                + "dc09-aes, owntracks-secret or transport-only (docs/envelope.md, \"Trust profiles\")") String profile;
        @CommandLine.Mixin SecretOptions secret;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                TrustProfile chosen = TrustProfile.parse(profile);
                if (chosen != TrustProfile.SIGNED) {
                    return enrollWithProfile(chosen);
                }
                secret.requireNone("a signed site");
                SiteEnrollment.Enrolled enrolled = parent.withEnrollment((registry, enrollment, audit) -> {
                    SiteEnrollment.Enrolled done = enrollment.enroll(siteId, name, SignatureAlgorithm.parse(alg));
                    audit.accept(AuditEntry.of(AuditKind.SITE_ENROLLED, cliUser()).site(done.siteId())
                            .details(Map.of("kid", done.kid(), "alg", done.alg().joseName(), "via", "cli")));
                    return done;
                });
                PrintWriter out = spec.commandLine().getOut();
                out.printf("enrolled site %s: key %s (%s), device bundle %s%n", enrolled.siteId(), enrolled.kid(),
                        enrolled.alg().joseName(), enrolled.bundle());
                out.flush();
                return 0;
            });
        }

        private int enrollWithProfile(TrustProfile chosen) {
            String plainAccount = chosen == TrustProfile.TRANSPORT_ONLY ? secret.transportOnlyAccount() : null;
            SiteEnrollment.NewSecret newSecret = chosen == TrustProfile.TRANSPORT_ONLY ? null : secret.toSecret(chosen);
            SiteEnrollment.EnrolledWithProfile enrolled = parent.withEnrollment((registry, enrollment, audit) -> {
                SiteEnrollment.EnrolledWithProfile done = enrollment.enrollWithProfile(siteId, name, chosen, newSecret,
                        plainAccount);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("profile", chosen.code());
                if (done.secretId() != null) {
                    details.put("kid", done.secretId());
                }
                if (newSecret != null && newSecret.account() != null) {
                    details.put("dc09_account", newSecret.account());
                } else if (plainAccount != null) {
                    details.put("dc09_account", plainAccount);
                }
                details.put("via", "cli");
                audit.accept(AuditEntry.of(AuditKind.SITE_ENROLLED, cliUser()).site(done.siteId()).details(details));
                return done;
            });
            PrintWriter out = spec.commandLine().getOut();
            out.printf("enrolled site %s: profile %s%s, TLS bundle %s%n", enrolled.siteId(), chosen.code(),
                    enrolled.secretId() == null ? "" : ", key " + enrolled.secretId(), enrolled.bundle());
            if (chosen == TrustProfile.TRANSPORT_ONLY) {
                out.println("warning: transport-only: only the client certificate authenticates this site; its events are "
                        + "marked assurance transport");
                if (plainAccount != null) {
                    out.printf("warning: DC-09 account %s: its plain (unencrypted) frames are accepted for this site on the"
                            + " receiver's DC-09 port; anyone who can reach the port can claim that account%n", plainAccount);
                }
            }
            out.flush();
            return 0;
        }
    }

    /** The keys of the profiles without a Vigil signature, as enrol and rotate-key take them. */
    static final class SecretOptions {
        @Option(names = "--dc09-account", paramLabel = "ACCT", description = "DC-09 account (1-16 letters or digits): with the key of a dc09-aes site, or alone for a transport-only site (its plain frames)")
        String dc09Account;
        @Option(names = "--dc09-key", paramLabel = "HEX", description = "DC-09 AES key as 32, 48 or 64 hex digits")
        String dc09KeyHex;
        @Option(names = "--dc09-key-text", paramLabel = "CHARS", description = "DC-09 AES key as the 16, 24 or 32 "
                + "characters typed into the panel, taken as the key bytes")
        String dc09KeyText;
        @Option(names = "--owntracks-secret", paramLabel = "TEXT", description = "the OwnTracks app's encryption secret")
        String owntracksSecret;

        boolean given() {
            return dc09Account != null || dc09KeyHex != null || dc09KeyText != null || owntracksSecret != null;
        }

        void requireNone(String what) {
            if (given()) {
                throw new IllegalArgumentException(what + " takes no --dc09-* or --owntracks-secret option");
            }
        }

        /** A transport-only site may name its panel's DC-09 account (plain frames), and nothing else. */
        String transportOnlyAccount() {
            if (dc09KeyHex != null || dc09KeyText != null || owntracksSecret != null) {
                throw new IllegalArgumentException("a transport-only site has no key: only --dc09-account may be given");
            }
            return dc09Account;
        }

        SiteEnrollment.NewSecret toSecret(TrustProfile profile) {
            if (profile == TrustProfile.DC09_AES) {
                if (owntracksSecret != null || dc09Account == null || (dc09KeyHex == null) == (dc09KeyText == null)) {
                    throw new IllegalArgumentException("dc09-aes needs --dc09-account and one of --dc09-key or --dc09-key-text");
                }
                byte[] key;
                if (dc09KeyHex != null) {
                    if (!dc09KeyHex.matches("[0-9A-Fa-f]{32}|[0-9A-Fa-f]{48}|[0-9A-Fa-f]{64}")) {
                        throw new IllegalArgumentException("--dc09-key is 32, 48 or 64 hex digits");
                    }
                    key = java.util.HexFormat.of().parseHex(dc09KeyHex);
                } else {
                    io.vigil.normalize.dc09.Dc09Cipher.fromCharacters(dc09KeyText); // validates the form
                    key = dc09KeyText.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                }
                return new SiteEnrollment.NewSecret(profile, dc09Account, key);
            }
            if (profile == TrustProfile.OWNTRACKS_SECRET) {
                if (owntracksSecret == null || dc09Account != null || dc09KeyHex != null || dc09KeyText != null) {
                    throw new IllegalArgumentException("owntracks-secret needs --owntracks-secret and no --dc09-* option");
                }
                return new SiteEnrollment.NewSecret(profile, null,
                        owntracksSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            throw new IllegalArgumentException("profile " + profile.code() + " has no keys");
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = "Give a site a new signing key; its current keys stay valid for the overlap.")
    static final class RotateKey implements Callable<Integer> {
        @CommandLine.ParentCommand SiteCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0") String siteId;
        @Option(names = "--overlap", defaultValue = "24h", description = "how long the old keys stay valid (e.g. 30m, 24h, PT2H)")
        String overlap;
        @Option(names = "--alg", description = "EdDSA or ES256 (default: as the current key)") String alg;
        @CommandLine.Mixin SecretOptions secret;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                Duration duration = parseDuration(overlap);
                if (secret.given()) {
                    return rotateSecret(duration);
                }
                SiteEnrollment.Rotated rotated = parent.withEnrollment((registry, enrollment, audit) -> {
                    SiteEnrollment.Rotated done = enrollment.rotate(siteId,
                            alg == null ? null : SignatureAlgorithm.parse(alg), duration);
                    audit.accept(AuditEntry.of(AuditKind.KEY_ROTATED, cliUser()).site(done.siteId())
                            .details(Map.of("kid", done.kid(), "retiring", done.retiringKids(),
                                    "overlap", duration.toString(), "via", "cli")));
                    return done;
                });
                PrintWriter out = spec.commandLine().getOut();
                out.printf("site %s: new key %s (%s)%s, device bundle %s%n", rotated.siteId(), rotated.kid(),
                        rotated.alg().joseName(), rotated.retiringKids().isEmpty() ? ""
                                : "; " + String.join(", ", rotated.retiringKids()) + " valid until " + rotated.retiringUntil(),
                        rotated.bundle());
                out.flush();
                return 0;
            });
        }

        private int rotateSecret(Duration duration) {
            SiteEnrollment.NewSecret newSecret = secret.toSecret(secret.owntracksSecret != null
                    ? TrustProfile.OWNTRACKS_SECRET : TrustProfile.DC09_AES);
            SiteEnrollment.RotatedSecret rotated = parent.withEnrollment((registry, enrollment, audit) -> {
                SiteEnrollment.RotatedSecret done = enrollment.rotateSecret(siteId, newSecret, duration);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("kid", done.secretId());
                details.put("retiring", done.retiringIds());
                details.put("overlap", duration.toString());
                if (newSecret.account() != null) {
                    details.put("dc09_account", newSecret.account());
                }
                details.put("via", "cli");
                audit.accept(AuditEntry.of(AuditKind.KEY_ROTATED, cliUser()).site(done.siteId()).details(details));
                return done;
            });
            PrintWriter out = spec.commandLine().getOut();
            out.printf("site %s: new key %s%s%n", rotated.siteId(), rotated.secretId(), rotated.retiringIds().isEmpty() ? ""
                    : "; " + String.join(", ", rotated.retiringIds()) + " valid until " + rotated.retiringUntil());
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke-key", mixinStandardHelpOptions = true,
            description = "Revoke a site's key: receivers refuse it within vigil.trust.key-refresh (at once with NOTIFY).")
    static final class RevokeKey implements Callable<Integer> {
        @CommandLine.ParentCommand SiteCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0") String siteId;
        @Parameters(index = "1") String kid;
        @Option(names = "--reason", required = true, description = "why, for the audit (e.g. 'device stolen')") String reason;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                boolean revoked = parent.withEnrollment((registry, enrollment, audit) -> {
                    boolean done = enrollment.revoke(siteId, kid, reason);
                    if (done) {
                        audit.accept(AuditEntry.of(AuditKind.KEY_REVOKED, cliUser()).site(siteId).reason(reason)
                                .details(Map.of("kid", kid, "via", "cli")));
                    }
                    return done;
                });
                if (!revoked) {
                    throw new IllegalStateException("site " + siteId + " has no unrevoked key " + LogSafe.quote(kid));
                }
                spec.commandLine().getOut().printf("site %s: key %s revoked%n", siteId, kid);
                spec.commandLine().getOut().flush();
                return 0;
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a site: its envelopes are refused (unknown_site) and its certificates revoked at the broker.")
    static final class Disable implements Callable<Integer> {
        @CommandLine.ParentCommand SiteCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0") String siteId;
        @Option(names = "--reason", required = true, description = "why, for the audit") String reason;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                requireReason(reason);
                List<java.math.BigInteger> serials = parent.withEnrollment((registry, enrollment, audit) -> {
                    if (!enrollment.disable(siteId)) {
                        throw new IllegalStateException("site " + siteId + " is not enrolled or disabled already");
                    }
                    List<java.math.BigInteger> revoked = enrollment.revokeCertificates(siteId,
                            org.bouncycastle.asn1.x509.CRLReason.cessationOfOperation);
                    audit.accept(AuditEntry.of(AuditKind.SITE_DISABLED, cliUser()).site(siteId).reason(reason.strip())
                            .details(Map.of("revokedSerials", hex(revoked), "via", "cli")));
                    return revoked;
                });
                PrintWriter out = spec.commandLine().getOut();
                out.printf("site %s disabled; certificate(s) %s revoked%n", siteId, String.join(", ", hex(serials)));
                out.println(parent.reloadBroker());
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "revoke-cert", mixinStandardHelpOptions = true,
            description = "Revoke a site's mTLS client certificate(s) in the device CA's CRL and reload the broker.")
    static final class RevokeCert implements Callable<Integer> {
        @CommandLine.ParentCommand SiteCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0") String siteId;
        @Option(names = "--reason", required = true, description = "why, for the audit (e.g. 'device stolen')") String reason;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                requireReason(reason);
                List<java.math.BigInteger> serials = parent.withEnrollment((registry, enrollment, audit) -> {
                    List<java.math.BigInteger> revoked = enrollment.revokeCertificates(siteId,
                            org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
                    audit.accept(AuditEntry.of(AuditKind.SITE_CERT_REVOKED, cliUser()).site(siteId).reason(reason.strip())
                            .details(Map.of("revokedSerials", hex(revoked), "via", "cli")));
                    return revoked;
                });
                PrintWriter out = spec.commandLine().getOut();
                out.printf("site %s: certificate(s) %s revoked%n", siteId,
                        serials.isEmpty() ? "(revoked already)" : String.join(", ", hex(serials)));
                out.println(parent.reloadBroker());
                out.flush();
                return 0;
            });
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("a reason of 1-500 characters is required");
        }
    }

    private static List<String> hex(List<java.math.BigInteger> serials) {
        return serials.stream().map(serial -> serial.toString(16)).toList();
    }

    String reloadBroker() {
        String pidFile = properties().get("vigil.pki.broker-pid-file", "");
        var outcome = io.vigil.pki.BrokerReload.signal(pidFile.isBlank() ? null : Path.of(pidFile));
        if (outcome instanceof io.vigil.pki.BrokerReload.Outcome.Signalled signalled) {
            return "broker " + signalled.pid() + " reloads the CRL (SIGHUP)";
        }
        return "broker not reloaded: " + ((io.vigil.pki.BrokerReload.Outcome.NoBroker) outcome).why();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List sites and their keys.")
    static final class ListSites implements Callable<Integer> {
        @CommandLine.ParentCommand SiteCommand parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--json", description = "print JSON instead of a table") boolean json;

        @Override
        public Integer call() {
            return execute(spec, () -> {
                List<KeyRegistry.SiteWithKeys> sites = parent.withEnrollment((registry, enrollment, audit) -> registry.list());
                PrintWriter out = spec.commandLine().getOut();
                Instant now = Instant.now();
                if (json) {
                    out.println(toJson(sites, now));
                } else {
                    printTable(out, sites, now);
                }
                out.flush();
                return 0;
            });
        }

        private static String toJson(List<KeyRegistry.SiteWithKeys> sites, Instant now) throws Exception {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (KeyRegistry.SiteWithKeys s : sites) {
                Map<String, Object> site = new LinkedHashMap<>();
                site.put("id", s.site().id());
                site.put("name", s.site().name());
                site.put("createdAt", s.site().createdAt());
                site.put("disabledAt", s.site().disabledAt());
                site.put("profile", s.site().trustProfile().code());
                List<Map<String, Object>> keys = new ArrayList<>();
                for (SiteKeyRecord k : s.keys()) {
                    keys.add(keyRow(k.kid(), k.alg().joseName(), null, k.statusAt(now), k.notBefore(), k.notAfter(),
                            k.revokedAt(), k.revokeReason()));
                }
                for (SiteSecretRecord k : s.secrets()) {
                    keys.add(keyRow(k.secretId(), k.kind().code(), k.account(), k.statusAt(now), k.notBefore(),
                            k.notAfter(), k.revokedAt(), k.revokeReason()));
                }
                site.put("keys", keys);
                rows.add(site);
            }
            return new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(rows);
        }

        /** One key of a site as {@code list --json} prints it; {@code dc09Account} only for DC-09 keys. */
        private static Map<String, Object> keyRow(String kid, String alg, String dc09Account, SiteKeyRecord.Status status,
                                                  Instant notBefore, Instant notAfter, Instant revokedAt,
                                                  String revokeReason) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("kid", kid);
            key.put("alg", alg);
            if (dc09Account != null) {
                key.put("dc09Account", dc09Account);
            }
            key.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
            key.put("notBefore", notBefore);
            key.put("notAfter", notAfter);
            key.put("revokedAt", revokedAt);
            key.put("revokeReason", revokeReason);
            return key;
        }

        private static void printTable(PrintWriter out, List<KeyRegistry.SiteWithKeys> sites, Instant now) {
            String format = "%-24s %-20s %-8s %-16s %-44s %-16s %-14s %s%n";
            out.printf(format, "SITE", "NAME", "STATE", "PROFILE", "KID", "ALG", "KEY", "VALID UNTIL");
            for (KeyRegistry.SiteWithKeys s : sites) {
                String state = s.site().disabledAt() == null ? "active" : "disabled";
                String name = printable(s.site().name());
                String profile = s.site().trustProfile().code();
                if (s.keys().isEmpty() && s.secrets().isEmpty()) {
                    out.printf(format, s.site().id(), name, state, profile, "-", "-", "-", "-");
                }
                for (SiteKeyRecord k : s.keys()) {
                    out.printf(format, s.site().id(), name, state, profile, k.kid(), k.alg().joseName(),
                            k.statusAt(now).name().toLowerCase(java.util.Locale.ROOT),
                            k.notAfter() == null ? "-" : k.notAfter().toString());
                }
                for (SiteSecretRecord k : s.secrets()) {
                    out.printf(format, s.site().id(), name, state, profile, k.secretId(),
                            k.kind() == TrustProfile.DC09_AES ? "dc09 #" + k.account() : "secretbox",
                            k.statusAt(now).name().toLowerCase(java.util.Locale.ROOT),
                            k.notAfter() == null ? "-" : k.notAfter().toString());
                }
            }
        }

        private static String printable(String text) {
            String quoted = LogSafe.quote(text);
            return quoted.substring(1, quoted.length() - 1);
        }
    }

    static Duration parseDuration(String text) {
        try {
            return VigilProperties.parseDuration(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: " + LogSafe.quote(text) + " (use e.g. 30m, 24h or PT2H)");
        }
    }
}
