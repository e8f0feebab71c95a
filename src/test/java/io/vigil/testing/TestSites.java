package io.vigil.testing;

import io.vigil.db.DatabaseConfig;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.device.KeyIds;
import io.vigil.trust.keys.PostgresKeyRegistry;
import io.vigil.trust.keys.SiteKeyRecord;
import io.vigil.trust.keys.SiteRecord;
import java.time.Clock;
import java.time.Instant;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Enrolls a site for a test: a TLS certificate from the dev PKI (CN = site id) and a signing key
 * registered in the test's database. Returns the device's signer; the key stays in memory.
 */
public final class TestSites {

    private TestSites() {}

    public static DeviceSigner enroll(DatabaseConfig database, String siteId, SignatureAlgorithm alg) {
        TestEnvironment.get().pki().issueSite(siteId);
        SigningKey key = SigningKey.generate(alg);
        String kid = KeyIds.thumbprint(key);
        Instant now = Instant.now();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.appUser());
        dataSource.setPassword(database.appPassword());
        new PostgresKeyRegistry(dataSource).enroll(new SiteRecord(siteId, "test site", now, null),
                new SiteKeyRecord(siteId, kid, alg, key.subjectPublicKeyInfo(), now, null, null, null, now));
        return new DeviceSigner(siteId, "panel-1", kid, key, Clock.systemUTC());
    }
}
