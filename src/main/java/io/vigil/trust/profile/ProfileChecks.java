package io.vigil.trust.profile;

import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.Verdict;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.replay.ReplayGuard;
import java.time.Instant;

/** The trust gate's dispatch for the sites whose profile is not {@code signed}. */
public final class ProfileChecks {
    private final ProfileCheck dc09Aes;
    private final ProfileCheck ownTracksSecret;
    private final ProfileCheck transportOnly;

    public ProfileChecks(TrustConfig config, ReplayGuard replay) {
        this.dc09Aes = new Dc09AesCheck(config, replay);
        this.ownTracksSecret = new OwnTracksSecretCheck(config, replay);
        this.transportOnly = new TransportOnlyCheck(replay);
    }

    /** The verdict for an enrolled, enabled site whose profile is not {@code signed}. */
    public Verdict check(SiteKeys site, ReceivedMessage message, Instant now) {
        return switch (site.profile()) {
            case DC09_AES -> dc09Aes.check(site, message, now);
            case OWNTRACKS_SECRET -> ownTracksSecret.check(site, message, now);
            case TRANSPORT_ONLY -> transportOnly.check(site, message, now);
            case SIGNED -> throw new IllegalArgumentException("signed sites are checked by the gate itself");
        };
    }
}
