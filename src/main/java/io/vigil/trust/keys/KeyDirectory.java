package io.vigil.trust.keys;

import java.util.Map;

/** Where the trust gate looks keys up. Implementations answer from memory and are safe for concurrent use. */
public interface KeyDirectory {

    /** The site as last loaded, or null when it is not known here. */
    SiteKeys site(String siteId);

    /**
     * Asks the registry again for one site (a freshly enrolled site or key), at most as often as the
     * implementation allows; returns what is then known, or null.
     *
     * @throws KeyRegistryException when the registry could not be reached
     */
    SiteKeys reloadSite(String siteId);

    /** A fixed directory, for tools and measurements that run without a database. */
    static KeyDirectory of(SiteKeys... sites) {
        Map<String, SiteKeys> byId = new java.util.HashMap<>();
        for (SiteKeys s : sites) {
            byId.put(s.siteId(), s);
        }
        Map<String, SiteKeys> fixed = Map.copyOf(byId);
        return new KeyDirectory() {
            @Override
            public SiteKeys site(String siteId) {
                return fixed.get(siteId);
            }

            @Override
            public SiteKeys reloadSite(String siteId) {
                return fixed.get(siteId);
            }
        };
    }
}
