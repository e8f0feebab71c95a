package io.vigil.trust.profile;

import io.vigil.trust.RejectReason;
import io.vigil.trust.Verdict;
import io.vigil.trust.keys.SiteSecret;
import java.time.Instant;
import java.util.List;

/** Picks the secrets that may authenticate now, or says why none may, as for signing keys. */
final class UsableSecrets {

    private UsableSecrets() {}

    /** Usable secrets newest first, or a rejection: {@code unknown_key}, {@code key_revoked}, {@code key_not_valid}. */
    static Object select(List<SiteSecret> candidates, Instant now, String what) {
        if (candidates.isEmpty()) {
            return new Verdict.Rejected(RejectReason.UNKNOWN_KEY, what + " has no key");
        }
        List<SiteSecret> usable = candidates.stream().filter(s -> !s.revoked() && s.validAt(now)).toList();
        if (!usable.isEmpty()) {
            return usable;
        }
        boolean allRevoked = candidates.stream().allMatch(SiteSecret::revoked);
        return allRevoked
                ? new Verdict.Rejected(RejectReason.KEY_REVOKED, what + ": every key is revoked")
                : new Verdict.Rejected(RejectReason.KEY_NOT_VALID, what + ": no key is valid now");
    }
}
