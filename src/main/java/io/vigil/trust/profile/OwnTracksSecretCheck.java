package io.vigil.trust.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.owntracks.OwnTracksEncryptedPayload;
import io.vigil.normalize.owntracks.OwnTracksSecretBox;
import io.vigil.trust.Encoding;
import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.RejectReason;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.Verdict;
import io.vigil.trust.VerifiedEnvelope;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.keys.SiteSecret;
import io.vigil.trust.replay.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code owntracks-secret}: the payload is the OwnTracks app's {@code _type: encrypted} payload;
 * the secretbox MAC under the site's secret authenticates it; novelty per device from {@code tst}
 * (as a sequence) and from the box itself as message id (docs/envelope.md).
 */
final class OwnTracksSecretCheck implements ProfileCheck {
    private static final long MAX_TST = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final List<String> TYPES = List.of("location", "transition", "waypoint", "waypoints", "lwt");
    /** Sequence values per second of {@code tst}: one per payload type, so types of the same second differ. */
    static final int TYPES_PER_SECOND = 16;

    private final TrustConfig config;
    private final ReplayGuard replay;

    OwnTracksSecretCheck(TrustConfig config, ReplayGuard replay) {
        this.config = config;
        this.replay = replay;
    }

    @Override
    public Verdict check(SiteKeys site, ReceivedMessage message, Instant now) {
        OwnTracksTopic topic = OwnTracksTopic.parse(message.topic());
        if (topic == null) {
            return reject(RejectReason.BAD_TOPIC, "site " + site.siteId() + " is owntracks-secret: the topic must be "
                    + "sites/" + site.siteId() + "/owntracks/<user>/<device>[/...]");
        }
        byte[] payload = message.payload() == null ? new byte[0] : message.payload();
        if (!OwnTracksEncryptedPayload.isEncrypted(payload)) {
            return reject(RejectReason.MALFORMED, "site " + site.siteId()
                    + " is owntracks-secret: the payload must be an encrypted OwnTracks payload");
        }
        List<SiteSecret> secrets = site.secrets().stream().filter(s -> s.kind() == TrustProfile.OWNTRACKS_SECRET).toList();
        UsableSecrets.Outcome<byte[]> outcomeOfKeys;
        try {
            outcomeOfKeys = UsableSecrets.open(secrets, now, secret -> openOrNull(payload, secret), "site " + site.siteId());
        } catch (MalformedSignalException e) {
            return reject(RejectReason.MALFORMED, e.reasonCode() + ": " + e.getMessage());
        }
        if (outcomeOfKeys instanceof UsableSecrets.Refused<byte[]> refused) {
            return refused.rejection();
        }
        var opened = (UsableSecrets.Opened<byte[]>) outcomeOfKeys;
        byte[] inner = opened.value();
        SiteSecret used = opened.secret();
        JsonNode document;
        try {
            document = EventJson.parse(inner, "owntracks");
        } catch (MalformedSignalException e) {
            return reject(RejectReason.MALFORMED, "decrypted payload is not JSON");
        }
        JsonNode type = document.isObject() ? document.get("_type") : null;
        if (type == null || !type.isTextual()) {
            return reject(RejectReason.MALFORMED, "decrypted payload is not an OwnTracks object with a _type");
        }
        JsonNode tstNode = document.get("tst");
        String messageId = "ot:" + digest(payload);
        ReplayGuard.Outcome outcome;
        long seq = 0;
        Instant issuedAt = now;
        if (tstNode != null && !tstNode.isNull()) {
            if (!tstNode.isIntegralNumber() || !tstNode.canConvertToLong() || tstNode.longValue() < 0
                    || tstNode.longValue() > MAX_TST) {
                return reject(RejectReason.MALFORMED, "tst must be epoch seconds");
            }
            issuedAt = Instant.ofEpochSecond(tstNode.longValue());
            if (issuedAt.isAfter(now.plus(config.maxFuture()))) {
                return reject(RejectReason.FUTURE, "tst " + Duration.between(now, issuedAt).toMillis()
                        + " ms after receipt, limit " + config.maxFuture().toMillis() + " ms");
            }
            int typeIndex = TYPES.indexOf(type.textValue());
            seq = tstNode.longValue() * TYPES_PER_SECOND + (typeIndex < 0 ? TYPES.size() : typeIndex);
            outcome = replay.check(site.siteId(), topic.deviceId(), seq, messageId, message.payload(), issuedAt, false,
                    message.duplicate());
        } else {
            outcome = replay.checkMessageId(site.siteId(), messageId, message.payload(), now, message.duplicate());
        }
        return switch (outcome) {
            case FRESH, REDELIVERED, DUPLICATE -> new Verdict.Accepted(new VerifiedEnvelope(site.siteId(), topic.deviceId(),
                    used.secretId(), null, seq, issuedAt, messageId, ContentTypes.OWNTRACKS_JSON, inner, Encoding.RAW,
                    outcome == ReplayGuard.Outcome.REDELIVERED, outcome == ReplayGuard.Outcome.DUPLICATE, Duration.ZERO,
                    TrustProfile.OWNTRACKS_SECRET));
            case REPLAY_MESSAGE_ID -> reject(RejectReason.REPLAY, "this encrypted payload was accepted already");
            case REPLAY_SEQUENCE, UNPROVEN -> reject(RejectReason.REPLAY, "device " + topic.deviceId() + " tst "
                    + (seq / TYPES_PER_SECOND) + " was seen already or is below the window");
            case FULL -> reject(RejectReason.UNAVAILABLE, "replay memory is full");
        };
    }

    /** The inner payload, or null when this secret does not open the box; other faults throw. */
    private static byte[] openOrNull(byte[] payload, SiteSecret secret) {
        try {
            return OwnTracksEncryptedPayload.open(payload, OwnTracksSecretBox.fromSecretBytes(secret.key()));
        } catch (MalformedSignalException e) {
            if ("owntracks.decrypt_failed".equals(e.reasonCode())) {
                return null;
            }
            throw e;
        }
    }

    static String digest(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Verdict reject(RejectReason reason, String detail) {
        return new Verdict.Rejected(reason, detail);
    }
}
