package io.vigil.trust.keys;

import io.vigil.trust.crypto.InvalidPublicKeyException;
import io.vigil.trust.crypto.PublicKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A site as the hot path sees it: whether it may send, and its keys by kid. Immutable. */
public record SiteKeys(String siteId, boolean disabled, Map<String, TrustedKey> keys) {

    private static final Logger LOG = LoggerFactory.getLogger(SiteKeys.class);

    public TrustedKey key(String kid) {
        return keys.get(kid);
    }

    /** Parses every key once; a key whose bytes do not parse is left out (and logged), so it verifies nothing. */
    public static SiteKeys of(SiteRecord site, List<SiteKeyRecord> records) {
        Map<String, TrustedKey> keys = new HashMap<>();
        for (SiteKeyRecord r : records) {
            try {
                keys.put(r.kid(), new TrustedKey(r.siteId(), r.kid(), r.alg(), r.notBefore(), r.notAfter(),
                        r.revokedAt(), PublicKeys.verifier(r.alg(), r.publicKey())));
            } catch (InvalidPublicKeyException e) {
                LOG.warn("site {} key {} is unusable and ignored: {}", site.id(), r.kid(), e.getMessage());
            }
        }
        return new SiteKeys(site.id(), site.disabledAt() != null, Map.copyOf(keys));
    }
}
