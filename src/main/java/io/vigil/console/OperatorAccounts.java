package io.vigil.console;

import io.vigil.api.auth.Principal;
import io.vigil.api.auth.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Operator accounts ({@code db/migration/V40__create_operator_accounts.sql}, docs/console.md,
 * "Accounts"): Argon2id passwords, optional TOTP, lock-out after repeated failures. A sign-in is one
 * transaction holding the account's row, so concurrent guesses cannot overrun the lock-out count.
 */
public final class OperatorAccounts {

    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 1024;

    private final DataSource dataSource;
    private final Clock clock;
    private final ConsoleConfig config;

    public OperatorAccounts(DataSource dataSource, Clock clock, ConsoleConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    /** An account as {@code vigil operator list} shows it (never the hash or the secret). */
    public record Account(String name, Role role, boolean totp, Instant createdAt, Instant passwordSetAt,
                          Instant lockedUntil, Instant disabledAt, String disabledReason) {}

    /** Creates an account; the TOTP secret when asked for one. IllegalArgumentException when it exists. */
    public byte[] add(String name, Role role, char[] password, boolean totp) throws SQLException {
        Principal.requireName(name);
        requirePassword(password);
        byte[] secret = totp ? TotpCodes.newSecret() : null;
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO operator_accounts (name, role, password_hash,"
                     + " totp_secret, created_at, password_set_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            s.setString(1, name);
            s.setString(2, role.wireName());
            s.setString(3, PasswordHash.hash(password));
            s.setBytes(4, secret);
            s.setObject(5, ts(now));
            s.setObject(6, ts(now));
            if (s.executeUpdate() == 0) {
                throw new IllegalArgumentException("an operator account " + name + " exists already");
            }
        }
        return secret;
    }

    /** Sets a new password, lifts a lock and ends the account's sessions; false when there is no such account. */
    public boolean resetPassword(String name, char[] password) throws SQLException {
        requirePassword(password);
        String hash = PasswordHash.hash(password);
        return update(name, "UPDATE operator_accounts SET password_hash = ?, password_set_at = ?, failed_sign_ins = 0,"
                + " locked_until = NULL WHERE name = ?", hash, "password-reset");
    }

    /** Disables the account for good and ends its sessions; false when there is no such account. */
    public boolean disable(String name, String reason) throws SQLException {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("disabling needs a reason of 1-500 characters");
        }
        return update(name, "UPDATE operator_accounts SET disabled_reason = ?, disabled_at = ? WHERE name = ?"
                + " AND disabled_at IS NULL", reason, "disabled");
    }

    private boolean update(String name, String sql, String text, String endReason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql);
                 PreparedStatement end = c.prepareStatement("UPDATE operator_sessions SET ended_at = ?, end_reason = ?"
                         + " WHERE operator = ? AND ended_at IS NULL")) {
                s.setString(1, text);
                s.setObject(2, ts(clock.instant()));
                s.setString(3, name);
                boolean changed = s.executeUpdate() == 1;
                end.setObject(1, ts(clock.instant()));
                end.setString(2, endReason);
                end.setString(3, name);
                end.executeUpdate();
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public List<Account> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT name, role, totp_secret IS NOT NULL, created_at,"
                     + " password_set_at, locked_until, disabled_at, disabled_reason FROM operator_accounts ORDER BY name");
             ResultSet rs = s.executeQuery()) {
            List<Account> accounts = new ArrayList<>();
            while (rs.next()) {
                accounts.add(new Account(rs.getString(1), Role.parse(rs.getString(2)), rs.getBoolean(3), instant(rs, 4),
                        instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getString(8)));
            }
            return accounts;
        }
    }

    /**
     * Checks a sign-in: name, password and (when the account has a secret) the TOTP code. Every
     * refusal takes about one password check, whatever its reason.
     */
    public SignIn signIn(String name, char[] password, String totpCode) throws SQLException {
        if (name == null || !Principal.NAME.matcher(name).matches() || password == null || password.length > MAX_PASSWORD) {
            PasswordHash.burn(password == null ? new char[0] : password);
            return new SignIn.Refused(null, SignIn.Reason.UNKNOWN, false);
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SignIn outcome = signIn(c, name, password, totpCode, now);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private SignIn signIn(Connection c, String name, char[] password, String totpCode, Instant now) throws SQLException {
        String hash;
        Role role;
        byte[] secret;
        Long lastStep;
        int failures;
        Instant lockedUntil;
        boolean disabled;
        try (PreparedStatement s = c.prepareStatement("SELECT password_hash, role, totp_secret, totp_last_step,"
                + " failed_sign_ins, locked_until, disabled_at IS NOT NULL FROM operator_accounts WHERE name = ? FOR UPDATE")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    PasswordHash.burn(password);
                    return new SignIn.Refused(name, SignIn.Reason.UNKNOWN, false);
                }
                hash = rs.getString(1);
                role = Role.parse(rs.getString(2));
                secret = rs.getBytes(3);
                lastStep = rs.getObject(4) == null ? null : rs.getLong(4);
                failures = rs.getInt(5);
                lockedUntil = instant(rs, 6);
                disabled = rs.getBoolean(7);
            }
        }
        if (disabled || lockedUntil != null && lockedUntil.isAfter(now)) {
            PasswordHash.burn(password);
            return new SignIn.Refused(name, disabled ? SignIn.Reason.DISABLED : SignIn.Reason.LOCKED, false);
        }
        if (!PasswordHash.verify(password, hash)) {
            return failed(c, name, failures, now, SignIn.Reason.PASSWORD);
        }
        Long usedStep = lastStep;
        if (secret != null) {
            OptionalLong step = TotpCodes.match(secret, totpCode, now, lastStep);
            if (step.isEmpty()) {
                return failed(c, name, failures, now, SignIn.Reason.TOTP);
            }
            usedStep = step.getAsLong();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE operator_accounts SET failed_sign_ins = 0,"
                + " locked_until = NULL, totp_last_step = ? WHERE name = ?")) {
            s.setObject(1, usedStep);
            s.setString(2, name);
            s.executeUpdate();
        }
        return new SignIn.Accepted(name, role, secret != null);
    }

    private SignIn failed(Connection c, String name, int failures, Instant now, SignIn.Reason reason) throws SQLException {
        boolean lock = failures + 1 >= config.lockoutFailures();
        try (PreparedStatement s = c.prepareStatement("UPDATE operator_accounts SET failed_sign_ins = ?, locked_until = ?"
                + " WHERE name = ?")) {
            s.setInt(1, lock ? 0 : failures + 1);
            s.setObject(2, lock ? ts(now.plus(config.lockoutDuration())) : null);
            s.setString(3, name);
            s.executeUpdate();
        }
        return new SignIn.Refused(name, reason, lock);
    }

    static void requirePassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
            throw new IllegalArgumentException("a password is " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
