package io.vigil.trust.keys;

import io.vigil.trust.crypto.InvalidPublicKeyException;
import io.vigil.trust.crypto.PublicKeys;
import io.vigil.trust.TrustProfile;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site as the hot path sees it: whether it may send, its trust profile, its signing keys by kid
 * and its unwrapped symmetric secrets (newest first). Immutable.
 */
public record SiteKeys(String siteId, boolean disabled, Map<String, TrustedKey> keys, TrustProfile profile,
                       List<SiteSecret> secrets) {

    public SiteKeys(String siteId, boolean disabled, Map<String, TrustedKey> keys) {
        this(siteId, disabled, keys, TrustProfile.SIGNED, List.of());
    }

    private static final Logger LOG = LoggerFactory.getLogger(SiteKeys.class);

    public TrustedKey key(String kid) {
        return keys.get(kid);
    }

    public static SiteKeys of(SiteRecord site, List<SiteKeyRecord> records) {
        return of(site, records, List.of(), null);
    }

    /**
     * Parses every key once and unwraps every secret once; a key whose bytes do not parse, or a
     * secret that does not unwrap with {@code kek} (or with no KEK configured), is left out and
     * logged, so it authenticates nothing.
     */
    public static SiteKeys of(SiteRecord site, List<SiteKeyRecord> records, List<SiteSecretRecord> secretRecords,
                              KeyEncryptionKey kek) {
        Map<String, TrustedKey> keys = new HashMap<>();
        for (SiteKeyRecord r : records) {
            try {
                keys.put(r.kid(), new TrustedKey(r.siteId(), r.kid(), r.alg(), r.notBefore(), r.notAfter(),
                        r.revokedAt(), PublicKeys.verifier(r.alg(), r.publicKey())));
            } catch (InvalidPublicKeyException e) {
                LOG.warn("site {} key {} is unusable and ignored: {}", site.id(), r.kid(), e.getMessage());
            }
        }
        List<SiteSecret> secrets = new ArrayList<>();
        for (SiteSecretRecord r : secretRecords) {
            if (kek == null || !kek.id().equals(r.kekId())) {
                LOG.warn("site {} secret {} was wrapped with key-encryption key {}, this receiver has {}: ignored",
                        site.id(), r.secretId(), r.kekId(), kek == null ? "none" : kek.id());
                continue;
            }
            try {
                secrets.add(new SiteSecret(r.secretId(), r.kind(), r.account(), r.notBefore(), r.notAfter(),
                        r.revokedAt(), kek.unwrap(r.wrapped(), r.associatedData())));
            } catch (GeneralSecurityException e) {
                LOG.warn("site {} secret {} does not unwrap (altered or moved row?): ignored", site.id(), r.secretId());
            }
        }
        secrets.sort(Comparator.comparing(SiteSecret::notBefore).reversed());
        return new SiteKeys(site.id(), site.disabledAt() != null, Map.copyOf(keys), site.trustProfile(),
                List.copyOf(secrets));
    }
}
