package io.vigil.trust.profile;

import io.vigil.normalize.ContentTypes;
import io.vigil.trust.Encoding;
import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.RejectReason;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.Verdict;
import io.vigil.trust.VerifiedEnvelope;
import io.vigil.trust.envelope.Ids;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.replay.ReplayGuard;
import java.time.Instant;
import java.util.Map;

/**
 * {@code transport-only}: the mTLS identity and the broker ACL are all the authentication; the
 * topic's level after the site names the format ({@code sites/<site>/<format>[/<device>...]}).
 * Only a byte-identical payload within the freshness horizon is a replay. Accepted signals are
 * marked with the profile, so their events carry {@code assurance: transport}.
 */
final class TransportOnlyCheck implements ProfileCheck {
    static final String KEY_ID = "transport-only";
    private static final Map<String, String> FORMATS = Map.of("dc09", ContentTypes.DC09, "cid", ContentTypes.CONTACT_ID,
            "sia", ContentTypes.SIA_DCS, "sensor", ContentTypes.SENSOR_JSON, "owntracks", ContentTypes.OWNTRACKS_JSON);

    private final ReplayGuard replay;

    TransportOnlyCheck(ReplayGuard replay) {
        this.replay = replay;
    }

    @Override
    public Verdict check(SiteKeys site, ReceivedMessage message, Instant now) {
        String[] levels = message.topic().split("/", -1);
        String contentType = levels.length >= 3 ? FORMATS.get(levels[2]) : null;
        if (contentType == null) {
            return new Verdict.Rejected(RejectReason.BAD_TOPIC, "site " + site.siteId() + " is transport-only: the topic "
                    + "must be sites/" + site.siteId() + "/<dc09|cid|sia|sensor|owntracks>[/<device>...]");
        }
        String device = levels.length >= 4 && Ids.isName(levels[3]) ? levels[3] : "transport";
        byte[] payload = message.payload() == null ? new byte[0] : message.payload();
        String messageId = "sha256:" + OwnTracksSecretCheck.digest(payload);
        ReplayGuard.Outcome outcome = replay.checkMessageId(site.siteId(), messageId, payload, now, message.duplicate());
        return switch (outcome) {
            case FRESH, REDELIVERED, DUPLICATE -> new Verdict.Accepted(new VerifiedEnvelope(site.siteId(), device, KEY_ID,
                    null, 0, now, messageId, contentType, payload, Encoding.RAW, outcome == ReplayGuard.Outcome.REDELIVERED,
                    outcome == ReplayGuard.Outcome.DUPLICATE, java.time.Duration.ZERO, TrustProfile.TRANSPORT_ONLY));
            case REPLAY_MESSAGE_ID, REPLAY_SEQUENCE, UNPROVEN -> new Verdict.Rejected(RejectReason.REPLAY,
                    "an identical payload was accepted already");
            case FULL -> new Verdict.Rejected(RejectReason.UNAVAILABLE, "replay memory is full");
        };
    }
}
