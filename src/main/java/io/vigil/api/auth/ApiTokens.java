package io.vigil.api.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * API tokens in PostgreSQL ({@code db/migration/V15__create_api_tokens.sql}). Every request is checked
 * against the table, with no cache, so that a revocation takes effect on the very next request.
 */
public final class ApiTokens {

    public static final int MAX_DESCRIPTION = 200;
    public static final int MAX_REASON = 500;

    private static final String COLUMNS = "id, principal, role, description, created_at, created_by, expires_at,"
            + " revoked_at, revoked_by, revoke_reason";

    private final DataSource dataSource;
    private final Clock clock;

    public ApiTokens(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A created token: its secret text (shown once, never stored) and its row. */
    public record Issued(String token, TokenRecord record) {}

    public sealed interface Revocation {
        record Revoked(TokenRecord token) implements Revocation {}

        record AlreadyRevoked(TokenRecord token) implements Revocation {}

        record NotFound() implements Revocation {}
    }

    /**
     * Creates a token for {@code principal} with {@code role}, valid for {@code ttl}. Validation
     * failures are IllegalArgumentException; the description is stored verbatim.
     */
    public Issued create(String principal, Role role, String description, Duration ttl, String createdBy)
            throws SQLException {
        Principal.requireName(principal);
        if (role == null) {
            throw new IllegalArgumentException("a token needs a role");
        }
        String text = description == null ? "" : description;
        if (text.codePointCount(0, text.length()) > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's lifetime must be positive");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String token = TokenSecret.newToken();
        TokenRecord record = new TokenRecord(TokenSecret.newId(), principal, role, text, now, createdBy, now.plus(ttl),
                null, null, null);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO api_tokens (id, token_hash, principal, role,"
                     + " description, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, record.id());
            s.setBytes(2, TokenSecret.hash(token));
            s.setString(3, principal);
            s.setString(4, role.wireName());
            s.setString(5, text);
            s.setObject(6, timestamp(now));
            s.setString(7, createdBy);
            s.setObject(8, timestamp(record.expiresAt()));
            s.executeUpdate();
        }
        return new Issued(token, record);
    }

    /** The principal a presented token stands for, if it is well formed, known, unrevoked and unexpired. */
    public Optional<Principal> authenticate(String presented) throws SQLException {
        if (!TokenSecret.wellFormed(presented)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, principal, role, expires_at FROM api_tokens"
                     + " WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?")) {
            s.setBytes(1, TokenSecret.hash(presented));
            s.setObject(2, timestamp(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Principal(rs.getString(2), rs.getString(1), Role.parse(rs.getString(3)),
                        instant(rs, 4)));
            }
        }
    }

    /** Of these token ids, the ones still unrevoked and unexpired (for long-lived streams). */
    public Set<String> stillValid(Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM api_tokens WHERE id = ANY (?)"
                     + " AND revoked_at IS NULL AND expires_at > ?")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            s.setObject(2, timestamp(clock.instant()));
            Set<String> valid = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    valid.add(rs.getString(1));
                }
            }
            return valid;
        }
    }

    /** Every token, newest first. */
    public List<TokenRecord> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at DESC, id");
             ResultSet rs = s.executeQuery()) {
            List<TokenRecord> tokens = new ArrayList<>();
            while (rs.next()) {
                tokens.add(record(rs));
            }
            return tokens;
        }
    }

    public Optional<TokenRecord> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        }
    }

    /** Revokes a token for good; the reason (1-500 characters) is stored verbatim. */
    public Revocation revoke(String id, String revokedBy, String reason) throws SQLException {
        if (reason == null || reason.isBlank() || reason.codePointCount(0, reason.length()) > MAX_REASON) {
            throw new IllegalArgumentException("a revocation needs a reason of 1-" + MAX_REASON + " characters");
        }
        if (!TokenSecret.isId(id)) {
            return new Revocation.NotFound();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET revoked_at = ?, revoked_by = ?,"
                     + " revoke_reason = ? WHERE id = ? AND revoked_at IS NULL RETURNING " + COLUMNS)) {
            s.setObject(1, timestamp(clock.instant()));
            s.setString(2, revokedBy);
            s.setString(3, reason);
            s.setString(4, id);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new Revocation.Revoked(record(rs));
                }
            }
        }
        return find(id).<Revocation>map(Revocation.AlreadyRevoked::new).orElseGet(Revocation.NotFound::new);
    }

    private static TokenRecord record(ResultSet rs) throws SQLException {
        return new TokenRecord(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)), rs.getString(4),
                instant(rs, 5), rs.getString(6), instant(rs, 7), instant(rs, 8), rs.getString(9), rs.getString(10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
