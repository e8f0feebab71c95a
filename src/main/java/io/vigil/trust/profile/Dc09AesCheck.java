package io.vigil.trust.profile;

import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.SafeText;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.normalize.dc09.Dc09FrameParser;
import io.vigil.normalize.dc09.Dc09RawFrame;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code dc09-aes}: the payload is one encrypted DC-09 frame as the panel sent it; the AES key of
 * the frame's account authenticates it, the decrypted timestamp must be inside the DC-09 window,
 * and {@code account:sequence:timestamp} must be new (docs/envelope.md).
 */
final class Dc09AesCheck implements ProfileCheck {

    private final TrustConfig config;
    private final ReplayGuard replay;

    Dc09AesCheck(TrustConfig config, ReplayGuard replay) {
        this.config = config;
        this.replay = replay;
    }

    @Override
    public Verdict check(SiteKeys site, ReceivedMessage message, Instant now) {
        String text = new String(message.payload() == null ? new byte[0] : message.payload(), StandardCharsets.ISO_8859_1);
        Dc09RawFrame raw;
        try {
            raw = Dc09FrameParser.read(text);
        } catch (MalformedSignalException e) {
            return reject(RejectReason.MALFORMED, "not a DC-09 frame: " + e.reasonCode() + ": " + e.getMessage());
        }
        if (!raw.header().encrypted()) {
            return reject(RejectReason.MALFORMED, "site " + site.siteId()
                    + " is dc09-aes: the payload must be an encrypted DC-09 frame");
        }
        String account = raw.header().account();
        if (account == null) {
            return reject(RejectReason.MALFORMED, "encrypted DC-09 frame without an account in its header");
        }
        List<SiteSecret> ofAccount = site.secrets().stream()
                .filter(s -> s.kind() == TrustProfile.DC09_AES && account.equalsIgnoreCase(s.account()))
                .toList();
        UsableSecrets.Outcome<Dc09Decryption.Decrypted> outcomeOfKeys;
        try {
            outcomeOfKeys = UsableSecrets.open(ofAccount, now, secret -> decryptOrNull(text, secret),
                    "DC-09 account " + account + " of site " + site.siteId());
        } catch (MalformedSignalException e) {
            return reject(RejectReason.MALFORMED, e.reasonCode() + ": " + e.getMessage());
        }
        if (outcomeOfKeys instanceof UsableSecrets.Refused<Dc09Decryption.Decrypted> refused) {
            return refused.rejection();
        }
        var opened = (UsableSecrets.Opened<Dc09Decryption.Decrypted>) outcomeOfKeys;
        Dc09Decryption.Decrypted decrypted = opened.value();
        SiteSecret used = opened.secret();
        Instant timestamp = decrypted.frame().timestamp();
        if (timestamp == null) {
            return reject(RejectReason.MALFORMED, "encrypted DC-09 frame without a timestamp");
        }
        Duration maxAge = message.duplicate() ? config.redeliveredMaxAge() : config.maxAge();
        if (timestamp.isBefore(now.minus(maxAge))) {
            return reject(RejectReason.STALE, "DC-09 timestamp " + Duration.between(timestamp, now).toMillis()
                    + " ms before receipt, limit " + maxAge.toMillis() + " ms");
        }
        if (timestamp.isAfter(now.plus(config.maxFuture()))) {
            return reject(RejectReason.FUTURE, "DC-09 timestamp " + Duration.between(now, timestamp).toMillis()
                    + " ms after receipt, limit " + config.maxFuture().toMillis() + " ms");
        }
        String sequence = decrypted.frame().sequence();
        String messageId = "dc09:" + account + ":" + sequence + ":" + timestamp.getEpochSecond();
        ReplayGuard.Outcome outcome = replay.checkMessageId(site.siteId(), messageId, message.payload(), timestamp, message.duplicate());
        return switch (outcome) {
            case FRESH, REDELIVERED, DUPLICATE -> new Verdict.Accepted(new VerifiedEnvelope(site.siteId(), "dc09-" + account,
                    used.secretId(), null, Long.parseLong(sequence), timestamp, messageId, ContentTypes.DC09,
                    decrypted.clearFrame().getBytes(StandardCharsets.ISO_8859_1), Encoding.RAW,
                    outcome == ReplayGuard.Outcome.REDELIVERED, outcome == ReplayGuard.Outcome.DUPLICATE, Duration.ZERO,
                    TrustProfile.DC09_AES));
            case REPLAY_MESSAGE_ID, REPLAY_SEQUENCE, UNPROVEN -> reject(RejectReason.REPLAY, "DC-09 account " + account
                    + " sequence " + sequence + " at " + timestamp + " was accepted already");
            case FULL -> reject(RejectReason.UNAVAILABLE, "replay memory is full");
        };
    }

    /** The decrypted frame, or null when this key does not decrypt it; key-independent faults throw. */
    private static Dc09Decryption.Decrypted decryptOrNull(String text, SiteSecret secret) {
        try {
            return Dc09Decryption.decrypt(text, Dc09Cipher.ofKey(secret.key()));
        } catch (MalformedSignalException e) {
            if ("dc09.decrypt_failed".equals(e.reasonCode())) {
                return null;
            }
            throw e;
        }
    }

    private static Verdict reject(RejectReason reason, String detail) {
        return new Verdict.Rejected(reason, SafeText.escape(detail, 300));
    }
}
