package io.vigil.trust.keys;

import java.util.List;

/** Every site and key at one registry version, read in one consistent snapshot. */
public record RegistrySnapshot(long version, List<SiteRecord> sites, List<SiteKeyRecord> keys,
                               List<SiteSecretRecord> secrets) {

    public RegistrySnapshot(long version, List<SiteRecord> sites, List<SiteKeyRecord> keys) {
        this(version, sites, keys, List.of());
    }
}
