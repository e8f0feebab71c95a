package io.vigil.trust.profile;

import io.vigil.normalize.MalformedSignalException;
import io.vigil.trust.RejectReason;
import io.vigil.trust.Verdict;
import io.vigil.trust.keys.SiteSecret;
import java.time.Instant;
import java.util.List;

/**
 * Finds the secret that opens a payload. A symmetric payload names no key, so the usable secrets
 * (newest first) are tried; when none opens it, the unusable ones are tried only to say why:
 * {@code key_revoked} or {@code key_not_valid} when one of them opens it, else {@code decrypt_failed}.
 */
final class UsableSecrets {

    private UsableSecrets() {}

    /** Opens with one secret: the clear value, or null when this secret does not open it. */
    interface Trial<T> {
        T open(SiteSecret secret);
    }

    /** Either the value and the secret that opened it, or the rejection. */
    sealed interface Outcome<T> {}

    record Opened<T>(T value, SiteSecret secret) implements Outcome<T> {}

    record Refused<T>(Verdict.Rejected rejection) implements Outcome<T> {}

    /**
     * @throws MalformedSignalException from {@code trial} for a fault that no key changes (the caller's {@code malformed})
     */
    static <T> Outcome<T> open(List<SiteSecret> candidates, Instant now, Trial<T> trial, String what) {
        if (candidates.isEmpty()) {
            return new Refused<>(new Verdict.Rejected(RejectReason.UNKNOWN_KEY, what + " has no key"));
        }
        for (SiteSecret secret : candidates) {
            if (!secret.revoked() && secret.validAt(now)) {
                T value = trial.open(secret);
                if (value != null) {
                    return new Opened<>(value, secret);
                }
            }
        }
        for (SiteSecret secret : candidates) {
            if ((secret.revoked() || !secret.validAt(now)) && trial.open(secret) != null) {
                return new Refused<>(secret.revoked()
                        ? new Verdict.Rejected(RejectReason.KEY_REVOKED, "key " + secret.secretId() + " of " + what
                                + " was revoked at " + secret.revokedAt())
                        : new Verdict.Rejected(RejectReason.KEY_NOT_VALID, "key " + secret.secretId() + " of " + what
                                + " is valid from " + secret.notBefore()
                                + (secret.notAfter() == null ? "" : " until " + secret.notAfter())));
            }
        }
        return new Refused<>(new Verdict.Rejected(RejectReason.DECRYPT_FAILED, "no key of " + what
                + " decrypts the payload (wrong key, bad pad or altered bytes)"));
    }
}
