package io.vigil.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.db.Database;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.Claims;
import io.vigil.trust.keys.CachedKeyDirectory;
import io.vigil.trust.keys.KeyDirectory;
import io.vigil.trust.keys.PostgresKeyRegistry;
import io.vigil.trust.keys.SiteKeyRecord;
import io.vigil.trust.keys.SiteKeys;
import io.vigil.trust.keys.SiteRecord;
import io.vigil.trust.replay.PostgresSequenceStore;
import io.vigil.trust.replay.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every verdict of the gate, against the real registry in PostgreSQL. */
class TrustGateIT {

    private static final String CID = "application/vnd.vigil.cid";
    private static final byte[] BODY = "[#1234|1130 01 015]".getBytes(StandardCharsets.UTF_8);
    private static final AtomicInteger SITES = new AtomicInteger();

    private static TestDatabase db;
    private static HikariDataSource pool;
    private static PostgresKeyRegistry registry;

    private final MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");
    private final TrustConfig config = TrustConfig.defaults();
    private CachedKeyDirectory directory;
    private TrustMetrics metrics;
    private TrustGate gate;

    @BeforeAll
    static void database() {
        db = TestDatabase.createMigrated();
        pool = Database.appPool(db.config(), "trust-gate-test");
        registry = new PostgresKeyRegistry(pool);
    }

    @AfterAll
    static void dropDatabase() {
        pool.close();
        db.close();
    }

    @BeforeEach
    void gate() {
        directory = new CachedKeyDirectory(registry, config, clock).start();
        metrics = new TrustMetrics();
        gate = new TrustGate(config, directory, new ReplayGuard(config, new PostgresSequenceStore(pool), clock),
                metrics, clock);
    }

    @AfterEach
    void stop() {
        directory.close();
    }

    @ParameterizedTest
    @CsvSource({"JWS, EDDSA", "JWS, ES256", "COSE, EDDSA", "COSE, ES256"})
    void aSignedFreshEnvelopeIsAcceptedWithItsClaims(Encoding encoding, SignatureAlgorithm alg) {
        DeviceSigner signer = enroll(alg);
        Claims claims = signer.claims(CID, BODY, clock.instant().minusMillis(1500));

        Verdict verdict = check(signer.topic(), signer.sign(encoding, claims), false);

        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        VerifiedEnvelope e = ((Verdict.Accepted) verdict).envelope();
        assertThat(e.site()).isEqualTo(signer.site());
        assertThat(e.device()).isEqualTo(signer.device());
        assertThat(e.kid()).isEqualTo(signer.kid());
        assertThat(e.alg()).isEqualTo(alg);
        assertThat(e.seq()).isEqualTo(claims.seq());
        assertThat(e.issuedAt()).isEqualTo(claims.issuedAt());
        assertThat(e.messageId()).isEqualTo(claims.messageId());
        assertThat(e.contentType()).isEqualTo(CID);
        assertThat(e.body()).isEqualTo(BODY);
        assertThat(e.encoding()).isEqualTo(encoding);
        assertThat(e.redelivered()).isFalse();
    }

    @Test
    void es256JwsFromTheDeviceSignerVerifiesWithNimbusToo() throws Exception {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ES256);
        DeviceSigner signer = new DeviceSigner("interop", "panel-1", "k1", key, clock);
        JWSObject jws = JWSObject.parse(new String(signer.sign(Encoding.JWS, CID, BODY), StandardCharsets.US_ASCII));
        ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(key.subjectPublicKeyInfo()));

        assertThat(jws.verify(new ECDSAVerifier(publicKey))).isTrue();
        assertThat(jws.getHeader().getType().getType()).isEqualTo("vigil-envelope+jws");
    }

    @Test
    void oversizeIsRefusedBeforeParsing() {
        assertRejected(check("sites/x/y", new byte[64 * 1024 + 1], false), RejectReason.OVERSIZE);
        // exactly at the limit it is parsed (and is garbage)
        assertRejected(check("sites/x/y", new byte[64 * 1024], false), RejectReason.MALFORMED);
    }

    @Test
    void garbageIsMalformed() {
        assertRejected(check("sites/x/y", "hello".getBytes(StandardCharsets.US_ASCII), false), RejectReason.MALFORMED);
        assertRejected(check("sites/x/y", null, false), RejectReason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alarms/site-1/x", "sites/", "sites/SITE", "sites/SITE/", "sites//x", "sites/bad id/x"})
    void topicsOutsideSitesSiteAreBad(String topicPattern) {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        String topic = topicPattern.replace("SITE", signer.site());
        assertRejected(check(topic, signer.sign(Encoding.JWS, CID, BODY), false), RejectReason.BAD_TOPIC);
    }

    @Test
    void unregisteredAndDisabledSitesAreUnknown() {
        DeviceSigner ghost = new DeviceSigner("ghost-site", "panel-1", "k", SigningKey.generate(SignatureAlgorithm.EDDSA), clock);
        assertRejected(check(ghost.topic(), ghost.sign(Encoding.JWS, CID, BODY), false), RejectReason.UNKNOWN_SITE);

        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        assertAccepted(check(signer.topic(), signer.sign(Encoding.JWS, CID, BODY), false));
        registry.disable(signer.site(), clock.instant());
        directory.refresh();
        assertRejected(check(signer.topic(), signer.sign(Encoding.JWS, CID, BODY), false), RejectReason.UNKNOWN_SITE);
    }

    @Test
    void aSiteCannotSpeakForAnother() {
        DeviceSigner a = enroll(SignatureAlgorithm.EDDSA);
        DeviceSigner b = enroll(SignatureAlgorithm.EDDSA);
        assertRejected(check(b.topic(), a.sign(Encoding.COSE, CID, BODY), false), RejectReason.SITE_MISMATCH);
    }

    @Test
    void aKidTheSiteDoesNotHaveIsUnknown() {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        DeviceSigner stranger = new DeviceSigner(signer.site(), "panel-1", "not-registered",
                SigningKey.generate(SignatureAlgorithm.EDDSA), clock);
        DeviceSigner otherSitesKey = enroll(SignatureAlgorithm.EDDSA);
        DeviceSigner borrowed = new DeviceSigner(signer.site(), "panel-1", otherSitesKey.kid(),
                SigningKey.generate(SignatureAlgorithm.EDDSA), clock);

        assertRejected(check(signer.topic(), stranger.sign(Encoding.JWS, CID, BODY), false), RejectReason.UNKNOWN_KEY);
        assertRejected(check(signer.topic(), borrowed.sign(Encoding.JWS, CID, BODY), false), RejectReason.UNKNOWN_KEY);
    }

    @Test
    void keysOutsideTheirValidityAreRefused() {
        String site = newSite();
        SigningKey future = SigningKey.generate(SignatureAlgorithm.EDDSA);
        SigningKey expired = SigningKey.generate(SignatureAlgorithm.EDDSA);
        Instant now = clock.instant();
        registry.enroll(new SiteRecord(site, "", now, null), new SiteKeyRecord(site, "future", SignatureAlgorithm.EDDSA,
                future.subjectPublicKeyInfo(), now.plusSeconds(60), null, null, null, now));
        registry.rotate(new SiteKeyRecord(site, "expired", SignatureAlgorithm.EDDSA, expired.subjectPublicKeyInfo(),
                now.minusSeconds(7200), now.minusSeconds(3600), null, null, now), now, Duration.ofDays(1));
        directory.refresh();

        DeviceSigner early = new DeviceSigner(site, "panel-1", "future", future, clock);
        DeviceSigner late = new DeviceSigner(site, "panel-1", "expired", expired, clock);
        assertRejected(check(early.topic(), early.sign(Encoding.JWS, CID, BODY), false), RejectReason.KEY_NOT_VALID);
        assertRejected(check(late.topic(), late.sign(Encoding.JWS, CID, BODY), false), RejectReason.KEY_NOT_VALID);
    }

    @Test
    void aRevokedKeyIsRefused() {
        DeviceSigner signer = enroll(SignatureAlgorithm.ES256);
        registry.revoke(signer.site(), signer.kid(), "panel stolen", clock.instant());
        directory.refresh();
        assertRejected(check(signer.topic(), signer.sign(Encoding.COSE, CID, BODY), false), RejectReason.KEY_REVOKED);
    }

    @Test
    void theEnvelopeAlgorithmMustBeTheKeys() {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        DeviceSigner wrongAlg = new DeviceSigner(signer.site(), "panel-1", signer.kid(),
                SigningKey.generate(SignatureAlgorithm.ES256), clock);
        assertRejected(check(signer.topic(), wrongAlg.sign(Encoding.JWS, CID, BODY), false), RejectReason.ALG_MISMATCH);
        assertRejected(check(signer.topic(), wrongAlg.sign(Encoding.COSE, CID, BODY), false), RejectReason.ALG_MISMATCH);
    }

    @Test
    void aForgedOrAlteredSignatureIsBad() {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        DeviceSigner forger = new DeviceSigner(signer.site(), "panel-1", signer.kid(),
                SigningKey.generate(SignatureAlgorithm.EDDSA), clock);
        assertRejected(check(signer.topic(), forger.sign(Encoding.JWS, CID, BODY), false), RejectReason.BAD_SIGNATURE);

        byte[] cose = signer.sign(Encoding.COSE, CID, BODY);
        int bodyAt = indexOf(cose, BODY);
        cose[bodyAt] ^= 0x01;
        assertRejected(check(signer.topic(), cose, false), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void freshnessIsMinus40PlusTwentySecondsForWhatTheSequenceCannotProveNew() {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        Instant now = clock.instant();
        Claims first = signer.claims(CID, BODY, now.minusSeconds(40));
        Verdict inWindow = check(signer.topic(), signer.sign(Encoding.JWS, first), false);
        assertAccepted(inWindow);
        assertThat(((Verdict.Accepted) inWindow).envelope().late()).isFalse();
        assertAccepted(check(signer.topic(), signer.sign(Encoding.JWS, signer.claims(CID, BODY, now.plusSeconds(20))), false));
        assertRejected(check(signer.topic(), signer.sign(Encoding.JWS, signer.claims(CID, BODY, now.plusMillis(20_001))), false),
                RejectReason.FUTURE);

        // below the replay window with an unknown id: only time can judge it, and it is too old
        Claims old = Claims.of(first.site(), first.device(), first.seq() - 100, now.minusMillis(40_001), "m-old", CID, BODY);
        assertRejected(check(signer.topic(), signer.sign(Encoding.JWS, old), false), RejectReason.STALE);
        Claims oldButInWindow = Claims.of(first.site(), first.device(), first.seq() - 100, now.minusSeconds(40), "m-old-2",
                CID, BODY);
        assertRejected(check(signer.topic(), signer.sign(Encoding.JWS, oldButInWindow), false), RejectReason.REPLAY);
        // nothing is older than max-late (redelivered-max-age, 7 days), however new its sequence number
        Claims ancient = signer.claims(CID, BODY, now.minus(Duration.ofDays(7)).minusSeconds(1));
        assertRejected(check(signer.topic(), signer.sign(Encoding.JWS, ancient), false), RejectReason.STALE);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 30})
    void signalsHeldDuringAnOutageAreAcceptedLateAndTheirReplaysRefused(int outageMinutes) {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        Instant now = clock.instant();
        java.util.List<byte[]> backlog = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            backlog.add(signer.sign(Encoding.COSE, signer.claims(CID, BODY, now.minus(Duration.ofMinutes(outageMinutes)).plusSeconds(i))));
        }
        for (int i = 0; i < backlog.size(); i++) {
            Verdict verdict = check(signer.topic(), backlog.get(i), false);
            assertAccepted(verdict);
            VerifiedEnvelope e = ((Verdict.Accepted) verdict).envelope();
            assertThat(e.late()).isTrue();
            assertThat(e.lateBy()).isEqualTo(Duration.ofMinutes(outageMinutes).minusSeconds(i));
            assertThat(e.duplicate()).isFalse();
        }
        // the same bytes at once are duplicate deliveries (same ids, same events), not new signals
        for (byte[] envelope : backlog) {
            Verdict verdict = check(signer.topic(), envelope, false);
            assertAccepted(verdict);
            assertThat(((Verdict.Accepted) verdict).envelope().duplicate()).isTrue();
        }
        // once the message ids are forgotten, the sequence numbers refuse them
        clock.advance(Duration.ofSeconds(43));
        for (byte[] envelope : backlog) {
            assertRejected(check(signer.topic(), envelope, false), RejectReason.REPLAY);
        }
        assertThat(metrics.snapshot().late()).isEqualTo(10); // the duplicate deliveries were late too
        assertThat(metrics.snapshot().duplicate()).isEqualTo(5);
    }

    @Test
    void aBrokerRedeliveryOfAnEnvelopeSeenBeforeIsAcceptedHoweverLate() {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        byte[] envelope = signer.sign(Encoding.COSE, CID, BODY);
        assertAccepted(check(signer.topic(), envelope, false));
        clock.advance(Duration.ofMinutes(10));
        assertRejected(check(signer.topic(), envelope, false), RejectReason.REPLAY);
        Verdict redelivered = check(signer.topic(), envelope, true);
        assertAccepted(redelivered);
        assertThat(((Verdict.Accepted) redelivered).envelope().redelivered()).isTrue();
    }

    @Test
    void theSameBytesAgainAreADuplicateTheSameIdWithOtherBytesAReplay() {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        Claims claims = signer.claims(CID, BODY, clock.instant());
        byte[] envelope = signer.sign(Encoding.JWS, claims);

        assertAccepted(check(signer.topic(), envelope, false));
        Verdict again = check(signer.topic(), envelope, false);
        assertAccepted(again);
        assertThat(((Verdict.Accepted) again).envelope().duplicate()).isTrue();
        assertThat(((Verdict.Accepted) again).envelope().redelivered()).isFalse();
        // the same claims in the other encoding: same message id, other bytes
        assertRejected(check(signer.topic(), signer.sign(Encoding.COSE, claims), false), RejectReason.REPLAY);
        Verdict redelivered = check(signer.topic(), envelope, true);
        assertAccepted(redelivered);
        assertThat(((Verdict.Accepted) redelivered).envelope().redelivered()).isTrue();
    }

    @Test
    void aReusedMessageIdOrAnOldSequenceNumberIsAReplay() {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        Claims first = signer.claims(CID, BODY, clock.instant());
        assertAccepted(check(signer.topic(), signer.sign(Encoding.JWS, first), false));

        Claims sameMid = Claims.of(first.site(), first.device(), first.seq() + 1, first.issuedAt(), first.messageId(), CID, BODY);
        assertRejected(check(signer.topic(), signer.sign(Encoding.JWS, sameMid), false), RejectReason.REPLAY);

        Claims far = Claims.of(first.site(), first.device(), first.seq() + 100, first.issuedAt(), "m-far", CID, BODY);
        assertAccepted(check(signer.topic(), signer.sign(Encoding.JWS, far), false));
        Claims late = Claims.of(first.site(), first.device(), first.seq() + 37, first.issuedAt(), "m-late", CID, BODY);
        assertAccepted(check(signer.topic(), signer.sign(Encoding.JWS, late), false));
        Claims tooLate = Claims.of(first.site(), first.device(), first.seq() + 36, first.issuedAt(), "m-too-late", CID, BODY);
        assertRejected(check(signer.topic(), signer.sign(Encoding.JWS, tooLate), false), RejectReason.REPLAY);
    }

    @Test
    void aFullReplayMemoryIsARetriableRejection() {
        TrustConfig oneDevice = TrustConfig.from(io.vigil.config.VigilProperties.of(Map.of("vigil.trust.replay.max-devices", "1")));
        TrustGate small = new TrustGate(oneDevice, directory,
                new ReplayGuard(oneDevice, io.vigil.trust.replay.SequenceStore.NONE, clock), metrics, clock);
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);

        assertAccepted(small.check(new ReceivedMessage(signer.topic(), signer.sign(Encoding.JWS, CID, BODY), false, clock.instant())));
        DeviceSigner second = signer.forDevice("panel-2");
        Verdict verdict = small.check(new ReceivedMessage(second.topic(), second.sign(Encoding.JWS, CID, BODY), false, clock.instant()));
        assertRejected(verdict, RejectReason.UNAVAILABLE);
        assertThat(RejectReason.UNAVAILABLE.retriable()).isTrue();
    }

    @Test
    void anUnexpectedFailureInsideTheGateBecomesInternalError() {
        KeyDirectory broken = new KeyDirectory() {
            @Override
            public SiteKeys site(String siteId) {
                throw new IllegalStateException("boom");
            }

            @Override
            public SiteKeys reloadSite(String siteId) {
                throw new IllegalStateException("boom");
            }
        };
        TrustGate failing = new TrustGate(config, broken, new ReplayGuard(config, io.vigil.trust.replay.SequenceStore.NONE, clock),
                metrics, clock);
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);

        assertRejected(failing.check(new ReceivedMessage(signer.topic(), signer.sign(Encoding.JWS, CID, BODY), false, clock.instant())),
                RejectReason.INTERNAL_ERROR);
        assertRejected(failing.check(null), RejectReason.INTERNAL_ERROR);
    }

    @Test
    void aSiteEnrolledAfterStartWorksAtOnce() {
        DeviceSigner signer = enroll(SignatureAlgorithm.ES256);
        // enrolled after the directory loaded: found by the per-site reload, not by waiting for the poll
        assertThat(directory.site(signer.site())).isNull();
        assertAccepted(check(signer.topic(), signer.sign(Encoding.COSE, CID, BODY), false));
    }

    @Test
    void metricsCountEveryVerdictByReason() {
        DeviceSigner signer = enroll(SignatureAlgorithm.EDDSA);
        Claims claims = signer.claims(CID, BODY, clock.instant());
        byte[] envelope = signer.sign(Encoding.JWS, claims);
        check(signer.topic(), envelope, false);
        check(signer.topic(), envelope, false);
        check(signer.topic(), envelope, true);
        check(signer.topic(), signer.sign(Encoding.COSE, claims), false);
        check("nowhere", envelope, false);

        TrustMetrics.Snapshot s = metrics.snapshot();
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.duplicate()).isEqualTo(1);
        assertThat(s.redelivered()).isEqualTo(1);
        assertThat(s.late()).isZero();
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(s.rejected(RejectReason.REPLAY)).isEqualTo(1);
        assertThat(s.rejected(RejectReason.BAD_TOPIC)).isEqualTo(1);
        assertThat(s.rejectedByReason()).containsKeys("oversize", "internal_error").hasSize(RejectReason.values().length);
    }

    // --- helpers -----------------------------------------------------------------------------

    private DeviceSigner enroll(SignatureAlgorithm alg) {
        String site = newSite();
        SigningKey key = SigningKey.generate(alg);
        Instant now = clock.instant();
        registry.enroll(new SiteRecord(site, "test", now, null), new SiteKeyRecord(site, "k-" + site, alg,
                key.subjectPublicKeyInfo(), now.minusSeconds(3600), null, null, null, now));
        return new DeviceSigner(site, "panel-1", "k-" + site, key, clock);
    }

    private static String newSite() {
        return "gate-" + SITES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    private Verdict check(String topic, byte[] payload, boolean duplicate) {
        return gate.check(new ReceivedMessage(topic, payload, duplicate, clock.instant()));
    }

    private static void assertAccepted(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    }

    private static void assertRejected(Verdict verdict, RejectReason reason) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) verdict).reason()).as(((Verdict.Rejected) verdict).detail()).isEqualTo(reason);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
