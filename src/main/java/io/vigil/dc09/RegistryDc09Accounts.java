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
 * account's site is the site it was registered for ({@code vigil site enroll --dc09-account}, with
 * the AES keys of a {@code dc09-aes} site, or none for a {@code transport-only} site); plain frames
 * are allowed for accounts of {@code transport-only} sites only. The index is rebuilt
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
        Entry entry = current.byAccount.get(account.toUpperCase(Locale.ROOT));
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SiteKeys site = entry.site;
        List<Dc09Account.Dc09Key> usable = new ArrayList<>();
        for (SiteSecret secret : entry.secrets) {
            if (!secret.revoked() && secret.validAt(now)) {
                usable.add(new Dc09Account.Dc09Key(secret.secretId(), secret.key()));
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
        Map<String, Entry> byAccount = new HashMap<>();
        keys.dc09Accounts().forEach((account, siteId) -> {
            SiteKeys site = keys.site(siteId);
            if (site != null) {
                List<SiteSecret> secrets = site.secrets().stream()
                        .filter(s -> s.kind() == TrustProfile.DC09_AES && account.equals(s.account())).toList();
                byAccount.put(account.toUpperCase(Locale.ROOT), new Entry(site, secrets));
            }
        });
        index = new Index(version, byAccount);
        return index;
    }

    private record Entry(SiteKeys site, List<SiteSecret> secrets) {}

    private record Index(long version, Map<String, Entry> byAccount) {}
}
