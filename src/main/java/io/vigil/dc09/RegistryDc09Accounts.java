package io.vigil.dc09;

import io.vigil.trust.TrustProfile;
import io.vigil.trust.keys.CachedKeyDirectory;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.keys.SiteSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The port's account mapping over the key registry (docs/dc09.md, "Accounts and trust"): an
 * account's site is the site whose DC-09 AES secrets name it (`vigil site enroll --dc09-account`);
 * plain frames are allowed for accounts of {@code transport-only} sites only. The index is rebuilt
 * when the registry's version moves; keys are the account's usable secrets, newest first.
 */
public final class RegistryDc09Accounts implements Dc09Accounts {

    private final CachedKeyDirectory keys;
    private final Clock clock;
    private volatile Index index = new Index(-1, Map.of());

    public RegistryDc09Accounts(CachedKeyDirectory keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Optional<Dc09Account> find(String account, String receiver, String line) {
        Index current = index;
        if (current.version != keys.loadedVersion()) {
            current = rebuild();
        }
        List<Entry> entries = current.byAccount.get(account.toUpperCase(Locale.ROOT));
        if (entries == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SiteKeys site = entries.get(0).site;
        List<Dc09Account.Dc09Key> usable = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.secret.revoked() && e.secret.validAt(now)) {
                usable.add(new Dc09Account.Dc09Key(e.secret.secretId(), e.secret.key()));
            }
        }
        return site.disabled() ? Optional.empty()
                : Optional.of(new Dc09Account(site.siteId(), site.profile() == TrustProfile.TRANSPORT_ONLY, usable));
    }

    private synchronized Index rebuild() {
        long version = keys.loadedVersion();
        if (index.version == version) {
            return index;
        }
        Map<String, List<Entry>> byAccount = new HashMap<>();
        for (SiteKeys site : keys.sites()) {
            for (SiteSecret secret : site.secrets()) {
                if (secret.kind() == TrustProfile.DC09_AES && secret.account() != null) {
                    byAccount.computeIfAbsent(secret.account().toUpperCase(Locale.ROOT), a -> new ArrayList<>())
                            .add(new Entry(site, secret));
                }
            }
        }
        index = new Index(version, byAccount);
        return index;
    }

    private record Entry(SiteKeys site, SiteSecret secret) {}

    private record Index(long version, Map<String, List<Entry>> byAccount) {}
}
