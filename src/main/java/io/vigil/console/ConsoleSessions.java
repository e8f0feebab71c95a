package io.vigil.console;

import static io.vigil.console.OperatorAccounts.instant;
import static io.vigil.console.OperatorAccounts.ts;

import io.vigil.api.auth.Principal;
import io.vigil.api.auth.Role;
import io.vigil.api.auth.SessionAuth;
import io.vigil.api.auth.TokenSecret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Console sessions in PostgreSQL (docs/console.md, "Sessions"): the cookie's secret is 256 random
 * bits of which only the SHA-256 is stored; every request is checked against the table (no cache),
 * so sign-out, an idle or expired session and a disabled account take effect on the next request.
 */
public final class ConsoleSessions implements SessionAuth {

    private static final Pattern SECRET = Pattern.compile("vgs_[A-Za-z0-9_-]{43}");
    private static final String LIVE = " s.ended_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ?"
            + " AND a.disabled_at IS NULL";

    private final DataSource dataSource;
    private final Clock clock;
    private final ConsoleConfig config;

    public ConsoleSessions(DataSource dataSource, Clock clock, ConsoleConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    /** A new session: the cookie's secret (given to the browser only), its public id and CSRF token. */
    public record Opened(String secret, Session session) {}

    public Opened open(String operator, Role role, String client) throws SQLException {
        String secret = "vgs_" + TokenSecret.random(32);
        String id = TokenSecret.newId("ses_");
        String csrf = TokenSecret.random(32);
        Instant now = clock.instant();
        Instant expires = now.plus(config.sessionMaxAge());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO operator_sessions (id, secret_hash, operator,"
                     + " csrf_token, client, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setBytes(2, TokenSecret.hash(secret));
            s.setString(3, operator);
            s.setString(4, csrf);
            s.setString(5, client == null ? "" : client);
            s.setObject(6, ts(now));
            s.setObject(7, ts(now));
            s.setObject(8, ts(expires));
            s.executeUpdate();
        }
        return new Opened(secret, new Session(new Principal(operator, id, role, expires), csrf));
    }

    @Override
    public Optional<Session> authenticate(String secret) throws SQLException {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE operator_sessions s SET last_seen_at = ?"
                     + " FROM operator_accounts a WHERE a.name = s.operator AND s.secret_hash = ? AND" + LIVE
                     + " RETURNING s.id, s.operator, a.role, s.expires_at, s.csrf_token")) {
            s.setObject(1, ts(now));
            s.setBytes(2, TokenSecret.hash(secret));
            s.setObject(3, ts(now));
            s.setObject(4, ts(now.minus(config.idleTimeout())));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(new Principal(rs.getString(2), rs.getString(1), Role.parse(rs.getString(3)),
                        instant(rs, 4)), rs.getString(5)));
            }
        }
    }

    @Override
    public Set<String> stillValid(Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT s.id FROM operator_sessions s JOIN operator_accounts a"
                     + " ON a.name = s.operator WHERE s.id = ANY (?) AND" + LIVE)) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            s.setObject(2, ts(now));
            s.setObject(3, ts(now.minus(config.idleTimeout())));
            Set<String> valid = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    valid.add(rs.getString(1));
                }
            }
            return valid;
        }
    }

    /** Ends a session (sign-out); false when it had ended already. */
    public boolean end(String id, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE operator_sessions SET ended_at = ?, end_reason = ?"
                     + " WHERE id = ? AND ended_at IS NULL")) {
            s.setObject(1, ts(clock.instant()));
            s.setString(2, reason);
            s.setString(3, id);
            return s.executeUpdate() == 1;
        }
    }
}
