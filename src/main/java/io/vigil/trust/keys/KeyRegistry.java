package io.vigil.trust.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port to the registry of sites and their public signing keys (docs/envelope.md, "Keys").
 * Keys are never deleted: they end by {@code not_after} or revocation.
 */
public interface KeyRegistry {

    /** The registry's change counter; it moves on every change to a site or key. */
    long version();

    /** Every site and key, consistently. */
    RegistrySnapshot loadAll();

    /** One site and its keys; empty when the site is not registered. */
    Optional<SiteWithKeys> loadSite(String siteId);

    /** Registers a new site with its first key in one transaction; fails permanently if the site exists. */
    void enroll(SiteRecord site, SiteKeyRecord firstKey);

    /**
     * Adds {@code newKey} and ends every other unrevoked key of the site at {@code now + overlap}
     * (keeping an earlier end): devices switch to the new key while the old one still verifies.
     * Returns the kids whose validity was cut.
     */
    List<String> rotate(SiteKeyRecord newKey, Instant now, Duration overlap);

    /** Revokes a key; false when it does not exist or was revoked already. */
    boolean revoke(String siteId, String kid, String reason, Instant at);

    /** Marks a site disabled: its messages are then refused as unknown_site. */
    boolean disable(String siteId, Instant at);

    List<SiteWithKeys> list();

    /**
     * Registers a site of a secret profile ({@code dc09-aes}, {@code owntracks-secret}) with its
     * first secret, or a {@code transport-only} site ({@code firstSecret} null), in one transaction.
     * A DC-09 secret's account is registered for the site; fails permanently if the site or the
     * account exists.
     */
    void enrollWithSecret(SiteRecord site, SiteSecretRecord firstSecret);

    /**
     * Adds a secret and ends every other unrevoked secret of the same site and account at
     * {@code now + overlap} (keeping an earlier end). A new DC-09 account is registered for the
     * site; one of another site fails permanently. Returns the secret ids whose validity was cut.
     */
    List<String> rotateSecret(SiteSecretRecord newSecret, Instant now, Duration overlap);

    /**
     * Registers a {@code transport-only} site with the DC-09 account its panel reports as (or none),
     * in one transaction; fails permanently if the site exists or the account belongs to another site.
     */
    void enrollTransportOnly(SiteRecord site, String dc09Account);

    /** Revokes a secret; false when it does not exist or was revoked already. */
    boolean revokeSecret(String siteId, String secretId, String reason, Instant at);

    record SiteWithKeys(SiteRecord site, List<SiteKeyRecord> keys, List<SiteSecretRecord> secrets) {
        public SiteWithKeys(SiteRecord site, List<SiteKeyRecord> keys) {
            this(site, keys, List.of());
        }
    }
}
