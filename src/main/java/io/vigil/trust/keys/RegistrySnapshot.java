package io.vigil.trust.keys;

import java.util.List;

/**
 * Every site and key at one registry version, read in one consistent snapshot. {@code dc09Accounts}
 * maps each registered DC-09 account to its site, with or without a key (a {@code transport-only}
 * site's account has none).
 */
public record RegistrySnapshot(long version, List<SiteRecord> sites, List<SiteKeyRecord> keys,
                               List<SiteSecretRecord> secrets, java.util.Map<String, String> dc09Accounts) {

    public RegistrySnapshot(long version, List<SiteRecord> sites, List<SiteKeyRecord> keys) {
        this(version, sites, keys, List.of(), java.util.Map.of());
    }

    public RegistrySnapshot(long version, List<SiteRecord> sites, List<SiteKeyRecord> keys, List<SiteSecretRecord> secrets) {
        this(version, sites, keys, secrets, java.util.Map.of());
    }
}
