package io.vigil.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.db.Database;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestEnvironment;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.KeyRegistry;
import io.vigil.trust.keys.PostgresKeyRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated site always gets a signer whose key the registry accepts now, whatever happened to its bundle. */
class EnrolledSitesIT {

    @TempDir
    Path here;

    @TempDir
    Path elsewhere;

    @Test
    void aBundleWhoseKeyWasRetiredElsewhereGetsANewKey() {
        try (TestDatabase database = TestDatabase.createMigrated();
             var pool = Database.appPool(database.config(), "enrolled-sites-test")) {
            KeyRegistry registry = new PostgresKeyRegistry(pool);
            var pki = TestEnvironment.get().pki();
            EnrolledSites sites = new EnrolledSites(registry,
                    new SiteEnrollment(registry, pki, here, "ssl://localhost:8883", Clock.systemUTC()));
            DeviceSigner first = sites.signerFor("sim-retired", Clock.systemUTC());

            // another checkout rotates the site's key with no overlap: this bundle's key stops being valid
            new SiteEnrollment(registry, pki, elsewhere, "ssl://localhost:8883", Clock.systemUTC())
                    .rotate("sim-retired", SignatureAlgorithm.EDDSA, Duration.ZERO);
            DeviceSigner second = sites.signerFor("sim-retired", Clock.systemUTC());

            assertThat(second.kid()).isNotEqualTo(first.kid());
            Instant now = Instant.now();
            assertThat(registry.loadSite("sim-retired").orElseThrow().keys())
                    .anyMatch(k -> k.kid().equals(second.kid()) && k.revokedAt() == null
                            && (k.notAfter() == null || k.notAfter().isAfter(now)));
            // and asked again, it keeps that key
            assertThat(sites.signerFor("sim-retired", Clock.systemUTC()).kid()).isEqualTo(second.kid());
        }
    }
}
