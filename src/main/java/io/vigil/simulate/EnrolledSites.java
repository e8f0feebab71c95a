package io.vigil.simulate;

import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceBundle;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.KeyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Makes sure a demo or simulated site can sign: enrolled in the registry with the key its device
 * bundle holds. Repairs the two states a development machine gets into — a bundle whose site the
 * database no longer knows (database reset) and a registered site without its bundle (var/ wiped).
 */
public final class EnrolledSites {

    private final KeyRegistry registry;
    private final SiteEnrollment enrollment;

    public EnrolledSites(KeyRegistry registry, SiteEnrollment enrollment) {
        this.registry = registry;
        this.enrollment = enrollment;
    }

    public DeviceSigner signerFor(String siteId, Clock clock) {
        Path bundle = enrollment.bundleDir(siteId);
        Optional<KeyRegistry.SiteWithKeys> registered = registry.loadSite(siteId);
        boolean hasKey = Files.exists(bundle.resolve(DeviceBundle.SIGNING_KEY));
        if (registered.isEmpty()) {
            if (hasKey) {
                delete(bundle.resolve(DeviceBundle.SIGNING_KEY));
                delete(bundle.resolve(DeviceBundle.PROPERTIES));
            }
            enrollment.enroll(siteId, "simulated site " + siteId, SignatureAlgorithm.EDDSA);
        } else if (!hasKey || !validNow(registered.get(), DeviceBundle.readSettings(bundle).kid(), clock.instant())) {
            enrollment.rotate(siteId, SignatureAlgorithm.EDDSA, Duration.ZERO);
        }
        return DeviceSigner.load(bundle, clock);
    }

    /** The bundle's key is registered for the site and may sign now (not revoked, not retired by a rotation). */
    private static boolean validNow(KeyRegistry.SiteWithKeys site, String kid, java.time.Instant now) {
        return site.keys().stream().anyMatch(k -> k.kid().equals(kid) && k.revokedAt() == null
                && !k.notBefore().isAfter(now) && (k.notAfter() == null || k.notAfter().isAfter(now)));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
