package io.vigil.trust.keys;

import io.vigil.db.SqlErrors;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.TrustProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The key registry in PostgreSQL ({@code db/migration/V1__create_site_registry.sql}). */
public final class PostgresKeyRegistry implements KeyRegistry {

    private static final String SITE_COLUMNS = "id, name, created_at, disabled_at, trust_profile";
    private static final String SECRET_COLUMNS = "site_id, secret_id, kind, account, wrapped, kek_id, not_before,"
            + " not_after, revoked_at, revoke_reason, created_at";
    private static final String KEY_COLUMNS =
            "site_id, kid, alg, public_key, not_before, not_after, revoked_at, revoke_reason, created_at";

    private final DataSource dataSource;

    public PostgresKeyRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public long version() {
        try (Connection c = dataSource.getConnection()) {
            return readVersion(c);
        } catch (SQLException e) {
            throw failure("cannot read the key registry version", e);
        }
    }

    @Override
    public RegistrySnapshot loadAll() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                long version = readVersion(c);
                List<SiteRecord> sites = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT " + SITE_COLUMNS + " FROM sites");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sites.add(site(rs));
                    }
                }
                List<SiteKeyRecord> keys = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT " + KEY_COLUMNS + " FROM site_keys");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        keys.add(key(rs));
                    }
                }
                List<SiteSecretRecord> secrets = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT " + SECRET_COLUMNS + " FROM site_secrets");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        secrets.add(secret(rs));
                    }
                }
                java.util.Map<String, String> accounts = new java.util.HashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT account, site_id FROM dc09_accounts");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        accounts.put(rs.getString(1), rs.getString(2));
                    }
                }
                c.commit();
                return new RegistrySnapshot(version, sites, keys, secrets, accounts);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("cannot load the key registry", e);
        }
    }

    @Override
    public Optional<SiteWithKeys> loadSite(String siteId) {
        try (Connection c = dataSource.getConnection()) {
            SiteRecord site;
            try (PreparedStatement s = c.prepareStatement("SELECT " + SITE_COLUMNS + " FROM sites WHERE id = ?")) {
                s.setString(1, siteId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    site = site(rs);
                }
            }
            return Optional.of(new SiteWithKeys(site, keysOf(c, siteId), secretsOf(c, siteId)));
        } catch (SQLException e) {
            throw failure("cannot load site keys", e);
        }
    }

    @Override
    public void enroll(SiteRecord site, SiteKeyRecord firstKey) {
        inTransaction("cannot enroll site", c -> {
            insertSite(c, site);
            insertKey(c, firstKey);
            return null;
        });
    }

    @Override
    public void enrollWithSecret(SiteRecord site, SiteSecretRecord firstSecret) {
        inTransaction("cannot enroll site", c -> {
            insertSite(c, site);
            if (firstSecret != null) {
                registerAccount(c, firstSecret);
                insertSecret(c, firstSecret);
            }
            return null;
        });
    }

    @Override
    public void enrollTransportOnly(SiteRecord site, String dc09Account) {
        inTransaction("cannot enroll site", c -> {
            insertSite(c, site);
            if (dc09Account != null) {
                registerAccount(c, site.id(), dc09Account);
            }
            return null;
        });
    }

    @Override
    public List<String> rotateSecret(SiteSecretRecord newSecret, Instant now, Duration overlap) {
        return inTransaction("cannot rotate secret", c -> {
            lockSite(c, newSecret.siteId());
            registerAccount(c, newSecret);
            Instant cutoff = now.plus(overlap);
            List<String> cut = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE site_secrets SET not_after = ? WHERE site_id = ? AND kind = ? AND account IS NOT DISTINCT FROM ?"
                            + " AND revoked_at IS NULL AND (not_after IS NULL OR not_after > ?) AND not_before < ?"
                            + " RETURNING secret_id")) {
                s.setObject(1, timestamp(cutoff));
                s.setString(2, newSecret.siteId());
                s.setString(3, newSecret.kind().code());
                s.setString(4, newSecret.account());
                s.setObject(5, timestamp(cutoff));
                s.setObject(6, timestamp(cutoff));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        cut.add(rs.getString(1));
                    }
                }
            }
            insertSecret(c, newSecret);
            return cut;
        });
    }

    @Override
    public boolean revokeSecret(String siteId, String secretId, String reason, Instant at) {
        return inTransaction("cannot revoke secret", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE site_secrets SET revoked_at = ?, revoke_reason = ?"
                    + " WHERE site_id = ? AND secret_id = ? AND revoked_at IS NULL")) {
                s.setObject(1, timestamp(at));
                s.setString(2, reason);
                s.setString(3, siteId);
                s.setString(4, secretId);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static void insertSite(Connection c, SiteRecord site) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO sites (id, name, created_at, disabled_at, trust_profile) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, site.id());
            s.setString(2, site.name());
            s.setObject(3, timestamp(site.createdAt()));
            s.setObject(4, timestamp(site.disabledAt()));
            s.setString(5, site.trustProfile().code());
            s.executeUpdate();
        }
    }

    private static void lockSite(Connection c, String siteId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM sites WHERE id = ? FOR UPDATE")) {
            lock.setString(1, siteId);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new KeyRegistryException("site is not registered", false, null);
                }
            }
        }
    }

    /** Registers a DC-09 secret's account for its site; an account of another site is refused. */
    private static void registerAccount(Connection c, SiteSecretRecord secret) throws SQLException {
        if (secret.account() != null) {
            registerAccount(c, secret.siteId(), secret.account());
        }
    }

    private static void registerAccount(Connection c, String siteId, String account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dc09_accounts (account, site_id) VALUES (?, ?)"
                + " ON CONFLICT (account) DO NOTHING")) {
            s.setString(1, account);
            s.setString(2, siteId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT site_id FROM dc09_accounts WHERE account = ?")) {
            s.setString(1, account);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && !rs.getString(1).equals(siteId)) {
                    throw new KeyRegistryException("DC-09 account " + account + " belongs to another site",
                            false, null);
                }
            }
        }
    }

    private static void insertSecret(Connection c, SiteSecretRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_secrets (" + SECRET_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.siteId());
            s.setString(2, r.secretId());
            s.setString(3, r.kind().code());
            s.setString(4, r.account());
            s.setBytes(5, r.wrapped());
            s.setString(6, r.kekId());
            s.setObject(7, timestamp(r.notBefore()));
            s.setObject(8, timestamp(r.notAfter()));
            s.setObject(9, timestamp(r.revokedAt()));
            s.setString(10, r.revokeReason());
            s.setObject(11, timestamp(r.createdAt()));
            s.executeUpdate();
        }
    }

    private static List<SiteSecretRecord> secretsOf(Connection c, String siteId) throws SQLException {
        List<SiteSecretRecord> secrets = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + SECRET_COLUMNS + " FROM site_secrets WHERE site_id = ?")) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    secrets.add(secret(rs));
                }
            }
        }
        return secrets;
    }

    private static SiteSecretRecord secret(ResultSet rs) throws SQLException {
        return new SiteSecretRecord(rs.getString(1), rs.getString(2), TrustProfile.parse(rs.getString(3)),
                rs.getString(4), rs.getBytes(5), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                rs.getString(10), instant(rs, 11));
    }

    @Override
    public List<String> rotate(SiteKeyRecord newKey, Instant now, Duration overlap) {
        return inTransaction("cannot rotate key", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM sites WHERE id = ? FOR UPDATE")) {
                lock.setString(1, newKey.siteId());
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw new KeyRegistryException("site is not registered", false, null);
                    }
                }
            }
            Instant cutoff = now.plus(overlap);
            List<String> cut = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE site_keys SET not_after = ? WHERE site_id = ? AND revoked_at IS NULL"
                            + " AND (not_after IS NULL OR not_after > ?) AND not_before < ? RETURNING kid")) {
                s.setObject(1, timestamp(cutoff));
                s.setString(2, newKey.siteId());
                s.setObject(3, timestamp(cutoff));
                s.setObject(4, timestamp(cutoff));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        cut.add(rs.getString(1));
                    }
                }
            }
            insertKey(c, newKey);
            return cut;
        });
    }

    @Override
    public boolean revoke(String siteId, String kid, String reason, Instant at) {
        return inTransaction("cannot revoke key", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE site_keys SET revoked_at = ?, revoke_reason = ? WHERE site_id = ? AND kid = ? AND revoked_at IS NULL")) {
                s.setObject(1, timestamp(at));
                s.setString(2, reason);
                s.setString(3, siteId);
                s.setString(4, kid);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean disable(String siteId, Instant at) {
        return inTransaction("cannot disable site", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE sites SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL")) {
                s.setObject(1, timestamp(at));
                s.setString(2, siteId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<SiteWithKeys> list() {
        RegistrySnapshot snapshot = loadAll();
        Map<String, List<SiteKeyRecord>> keys = new LinkedHashMap<>();
        snapshot.keys().forEach(k -> keys.computeIfAbsent(k.siteId(), id -> new ArrayList<>()).add(k));
        Map<String, List<SiteSecretRecord>> secrets = new LinkedHashMap<>();
        snapshot.secrets().forEach(k -> secrets.computeIfAbsent(k.siteId(), id -> new ArrayList<>()).add(k));
        return snapshot.sites().stream()
                .sorted(java.util.Comparator.comparing(SiteRecord::id))
                .map(s -> new SiteWithKeys(s, keys.getOrDefault(s.id(), List.of()).stream()
                        .sorted(java.util.Comparator.comparing(SiteKeyRecord::notBefore)).toList(),
                        secrets.getOrDefault(s.id(), List.of()).stream()
                                .sorted(java.util.Comparator.comparing(SiteSecretRecord::notBefore)).toList()))
                .toList();
    }

    private static long readVersion(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM key_registry_version");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("key_registry_version has no row", "55000");
            }
            return rs.getLong(1);
        }
    }

    private static List<SiteKeyRecord> keysOf(Connection c, String siteId) throws SQLException {
        List<SiteKeyRecord> keys = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + KEY_COLUMNS + " FROM site_keys WHERE site_id = ?")) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(key(rs));
                }
            }
        }
        return keys;
    }

    private static void insertKey(Connection c, SiteKeyRecord key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_keys (" + KEY_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, key.siteId());
            s.setString(2, key.kid());
            s.setString(3, key.alg().joseName());
            s.setBytes(4, key.publicKey());
            s.setObject(5, timestamp(key.notBefore()));
            s.setObject(6, timestamp(key.notAfter()));
            s.setObject(7, timestamp(key.revokedAt()));
            s.setString(8, key.revokeReason());
            s.setObject(9, timestamp(key.createdAt()));
            s.executeUpdate();
        }
    }

    private static SiteRecord site(ResultSet rs) throws SQLException {
        return new SiteRecord(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4),
                TrustProfile.parse(rs.getString(5)));
    }

    private static SiteKeyRecord key(ResultSet rs) throws SQLException {
        return new SiteKeyRecord(rs.getString(1), rs.getString(2), SignatureAlgorithm.parse(rs.getString(3)),
                rs.getBytes(4), instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getString(8), instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static KeyRegistryException failure(String what, SQLException e) {
        if (SqlErrors.UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new KeyRegistryException(what + ": already registered", false, e);
        }
        return new KeyRegistryException(what + ": " + e.getMessage(), SqlErrors.retriable(e), e);
    }
}
