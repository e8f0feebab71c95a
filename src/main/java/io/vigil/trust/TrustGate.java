package io.vigil.trust;

import io.vigil.support.LogSafe;
import io.vigil.trust.envelope.Claims;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import io.vigil.trust.envelope.ParsedEnvelope;
import io.vigil.trust.keys.KeyDirectory;
import io.vigil.trust.keys.KeyRegistryException;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.keys.TrustedKey;
import io.vigil.trust.profile.ProfileChecks;
import io.vigil.trust.replay.ReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a received message is a genuine, fresh, first-time envelope of the site whose
 * topic it came on. The checks run in the order of {@link RejectReason}, the first failing one
 * names the rejection (docs/envelope.md). Never throws: any surprise becomes
 * {@code internal_error}. Safe for concurrent use; keeps no per-message state of its own.
 */
public final class TrustGate {

    private static final Logger LOG = LoggerFactory.getLogger(TrustGate.class);

    private final TrustConfig config;
    private final KeyDirectory keys;
    private final ReplayGuard replay;
    private final TrustMetrics metrics;
    private final Clock clock;
    private final ProfileChecks profiles;

    public TrustGate(TrustConfig config, KeyDirectory keys, ReplayGuard replay, TrustMetrics metrics, Clock clock) {
        this.profiles = new ProfileChecks(config, replay);
        this.config = config;
        this.keys = keys;
        this.replay = replay;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Verdict check(ReceivedMessage message) {
        Verdict verdict;
        try {
            verdict = evaluate(message);
        } catch (KeyRegistryException e) {
            verdict = reject(e.retriable() ? RejectReason.UNAVAILABLE : RejectReason.INTERNAL_ERROR,
                    "key registry: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("trust gate failed on a message from topic {}", LogSafe.quote(message == null ? null : message.topic()), e);
            verdict = reject(RejectReason.INTERNAL_ERROR, e.getClass().getSimpleName());
        }
        metrics.record(verdict);
        return verdict;
    }

    private Verdict evaluate(ReceivedMessage message) {
        byte[] payload = message.payload();
        if (payload != null && payload.length > config.maxEnvelopeBytes()) {
            return reject(RejectReason.OVERSIZE, payload.length + " bytes, limit " + config.maxEnvelopeBytes());
        }
        SiteKeys profiled = siteWithAnotherProfile(message.topic());
        if (profiled != null) {
            return profiles.check(profiled, message, message.receivedAt() != null ? message.receivedAt() : clock.instant());
        }
        ParsedEnvelope envelope;
        try {
            envelope = EnvelopeParser.parse(payload);
        } catch (MalformedEnvelopeException e) {
            return reject(RejectReason.MALFORMED, e.getMessage());
        }
        Claims claims = envelope.claims();
        String topicSite = TopicSites.siteOf(message.topic());
        if (topicSite == null) {
            return reject(RejectReason.BAD_TOPIC, "topic " + LogSafe.quote(message.topic()) + " is not sites/<site>/...");
        }
        SiteKeys site = keys.site(topicSite);
        if (site == null) {
            site = keys.reloadSite(topicSite);
        }
        if (site == null || site.disabled()) {
            return reject(RejectReason.UNKNOWN_SITE,
                    "site " + topicSite + (site == null ? " is not registered" : " is disabled"));
        }
        if (!claims.site().equals(topicSite)) {
            return reject(RejectReason.SITE_MISMATCH, "topic site " + topicSite + ", claimed site " + claims.site());
        }
        TrustedKey key = site.key(envelope.kid());
        if (key == null) {
            SiteKeys reloaded = keys.reloadSite(topicSite);
            key = reloaded == null || reloaded.disabled() ? null : reloaded.key(envelope.kid());
            if (key == null) {
                return reject(RejectReason.UNKNOWN_KEY, "site " + topicSite + " has no key " + envelope.kid());
            }
        }
        Instant now = message.receivedAt() != null ? message.receivedAt() : clock.instant();
        if (!key.validAt(now)) {
            return reject(RejectReason.KEY_NOT_VALID, "key " + key.kid() + " is valid from " + key.notBefore()
                    + (key.notAfter() == null ? "" : " until " + key.notAfter()));
        }
        if (key.revoked()) {
            return reject(RejectReason.KEY_REVOKED, "key " + key.kid() + " was revoked at " + key.revokedAt());
        }
        if (envelope.alg() != key.alg()) {
            return reject(RejectReason.ALG_MISMATCH, "envelope says " + envelope.alg().joseName() + ", key "
                    + key.kid() + " is " + key.alg().joseName());
        }
        if (!key.verifier().verify(envelope.signedData(), envelope.signedOffset(), envelope.signedLength(),
                envelope.signature())) {
            return reject(RejectReason.BAD_SIGNATURE, "signature does not verify with key " + key.kid());
        }
        if (claims.issuedAt().isBefore(now.minus(config.maxLate()))) {
            return reject(RejectReason.STALE, "issued " + Duration.between(claims.issuedAt(), now).toMillis()
                    + " ms before receipt, beyond the longest lateness accepted, " + config.maxLate().toMillis() + " ms");
        }
        if (claims.issuedAt().isAfter(now.plus(config.maxFuture()))) {
            return reject(RejectReason.FUTURE, "issued " + Duration.between(now, claims.issuedAt()).toMillis()
                    + " ms after receipt, limit " + config.maxFuture().toMillis() + " ms");
        }
        boolean late = claims.issuedAt().isBefore(now.minus(config.maxAge()));
        ReplayGuard.Outcome outcome = replay.check(claims.site(), claims.device(), claims.seq(), claims.messageId(),
                payload, claims.issuedAt(), late, message.duplicate());
        return switch (outcome) {
            case FRESH, DUPLICATE, REDELIVERED -> new Verdict.Accepted(new VerifiedEnvelope(claims.site(),
                    claims.device(), key.kid(), key.alg(), claims.seq(), claims.issuedAt(), claims.messageId(),
                    claims.contentType(), claims.body(), envelope.encoding(), outcome == ReplayGuard.Outcome.REDELIVERED,
                    outcome == ReplayGuard.Outcome.DUPLICATE,
                    late ? Duration.between(claims.issuedAt(), now) : Duration.ZERO));
            case REPLAY_MESSAGE_ID -> reject(RejectReason.REPLAY, "message id " + claims.messageId()
                    + " was accepted already with other bytes");
            case REPLAY_SEQUENCE -> reject(RejectReason.REPLAY, "device " + claims.device() + " seq " + claims.seq()
                    + " was seen already or is below the window");
            case UNPROVEN -> reject(RejectReason.STALE, "issued " + Duration.between(claims.issuedAt(), now).toMillis()
                    + " ms before receipt, limit " + config.maxAge().toMillis() + " ms, and device " + claims.device()
                    + " seq " + claims.seq() + " is below the replay window: it cannot be proven new");
            case FULL -> reject(RejectReason.UNAVAILABLE, "replay memory is full");
        };
    }

    /** The topic's enrolled, enabled site when its trust profile is not {@code signed}; else null (checked below). */
    private SiteKeys siteWithAnotherProfile(String topic) {
        String siteId = TopicSites.siteOf(topic);
        if (siteId == null) {
            return null;
        }
        SiteKeys site = keys.site(siteId);
        if (site == null) {
            site = keys.reloadSite(siteId);
        }
        return site == null || site.disabled() || site.profile() == TrustProfile.SIGNED ? null : site;
    }

    private static Verdict reject(RejectReason reason, String detail) {
        return new Verdict.Rejected(reason, detail);
    }
}
