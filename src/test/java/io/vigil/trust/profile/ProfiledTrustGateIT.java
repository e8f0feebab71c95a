package io.vigil.trust.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.db.Database;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.normalize.owntracks.OwnTracksSecretBox;
import io.vigil.testing.MutableClock;
import io.vigil.testing.RawSignals;
import io.vigil.testing.TestDatabase;
import io.vigil.trust.Encoding;
import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.RejectReason;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.TrustGate;
import io.vigil.trust.TrustMetrics;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.Verdict;
import io.vigil.trust.VerifiedEnvelope;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.keys.CachedKeyDirectory;
import io.vigil.trust.keys.KeyEncryptionKey;
import io.vigil.trust.keys.PostgresKeyRegistry;
import io.vigil.trust.keys.SiteKeyRecord;
import io.vigil.trust.keys.SiteRecord;
import io.vigil.trust.keys.SiteSecretRecord;
import io.vigil.trust.replay.PostgresSequenceStore;
import io.vigil.trust.replay.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trust profiles without a Vigil signature, against the real registry in PostgreSQL. */
class ProfiledTrustGateIT {
    private static final AtomicInteger SITES = new AtomicInteger();
    private static final KeyEncryptionKey KEK = KeyEncryptionKey.of(random(32));

    private static TestDatabase db;
    private static HikariDataSource pool;
    private static PostgresKeyRegistry registry;

    private final MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");
    private final TrustConfig config = TrustConfig.defaults();
    private CachedKeyDirectory directory;
    private TrustGate gate;

    @BeforeAll
    static void database() {
        db = TestDatabase.createMigrated();
        pool = Database.appPool(db.config(), "trust-profiles-test");
        registry = new PostgresKeyRegistry(pool);
    }

    @AfterAll
    static void dropDatabase() {
        pool.close();
        db.close();
    }

    @BeforeEach
    void gate() {
        directory = new CachedKeyDirectory(registry, config, clock, KEK).start();
        gate = new TrustGate(config, directory, new ReplayGuard(config, new PostgresSequenceStore(pool), clock),
                new TrustMetrics(), clock);
    }

    @AfterEach
    void stop() {
        directory.close();
    }

    // --- dc09-aes ------------------------------------------------------------------------------

    @Test
    void anEncryptedDc09FrameIsAcceptedClearWithItsAccountAsDevice() {
        String site = newSite();
        byte[] key = random(16);
        enrollDc09(site, "7A11", key);

        Verdict verdict = check("sites/" + site + "/dc09", RawSignals.encryptedDc09Frame("7A11", "0042", "Nri1/BA012", key, clock.instant()));

        VerifiedEnvelope accepted = accepted(verdict);
        assertThat(accepted.profile()).isEqualTo(TrustProfile.DC09_AES);
        assertThat(accepted.encoding()).isEqualTo(Encoding.RAW);
        assertThat(accepted.device()).isEqualTo("dc09-7A11");
        assertThat(accepted.contentType()).isEqualTo(ContentTypes.DC09);
        assertThat(accepted.alg()).isNull();
        assertThat(new String(accepted.body(), StandardCharsets.ISO_8859_1))
                .endsWith("\"SIA-DCS\"0042L0#7A11[Nri1/BA012]_" + RawSignals.dc09Time(clock.instant()));
    }

    @Test
    void dc09ReplayWrongKeyTamperStaleAndClearFramesAreRefusedWithTheirReasons() {
        String site = newSite();
        byte[] key = random(32);
        enrollDc09(site, "1234", key);
        String topic = "sites/" + site + "/dc09";
        byte[] frame = RawSignals.encryptedDc09Frame("1234", "0001", "Nri1/BA01", key, clock.instant());

        assertThat(check(topic, frame)).isInstanceOf(Verdict.Accepted.class);
        // the same bytes again are a duplicate delivery (same event id downstream), docs/envelope.md "Replay"
        assertThat(accepted(check(topic, frame)).duplicate()).as("the same frame again").isTrue();
        assertThat(reason(check(topic, RawSignals.encryptedDc09Frame("1234", "0001", "Nri1/BA02", key, clock.instant()))))
                .as("same account, sequence and time, other content").isEqualTo(RejectReason.REPLAY);
        assertThat(reason(check(topic, RawSignals.encryptedDc09Frame("1234", "0002", "Nri1/BA01", random(32), clock.instant()))))
                .as("wrong key").isEqualTo(RejectReason.DECRYPT_FAILED);
        assertThat(reason(check(topic, tamperLastBlock(RawSignals.encryptedDc09Frame("1234", "0003", "Nri1/BA01", key, clock.instant())))))
                .as("tampered, CRC recomputed").isEqualTo(RejectReason.DECRYPT_FAILED);
        assertThat(reason(check(topic, RawSignals.encryptedDc09Frame("1234", "0004", "Nri1/BA01", key, clock.instant().minusSeconds(41)))))
                .isEqualTo(RejectReason.STALE);
        assertThat(reason(check(topic, RawSignals.encryptedDc09Frame("1234", "0005", "Nri1/BA01", key, clock.instant().plusSeconds(21)))))
                .isEqualTo(RejectReason.FUTURE);
        assertThat(reason(check(topic, RawSignals.encryptedDc09Frame("9999", "0006", "Nri1/BA01", key, clock.instant()))))
                .as("account without a key at this site").isEqualTo(RejectReason.UNKNOWN_KEY);
        String clear = Dc09Decryption.decrypt(new String(frame, StandardCharsets.ISO_8859_1), Dc09Cipher.ofKey(key)).clearFrame();
        assertThat(reason(check(topic, clear.getBytes(StandardCharsets.ISO_8859_1))))
                .as("a clear frame is unauthenticated").isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aRotatedDc09KeyOverlapsAndARevokedOneIsRefused() {
        String site = newSite();
        byte[] oldKey = random(16);
        byte[] newKey = random(16);
        enrollDc09(site, "55", oldKey);
        Instant now = clock.instant();
        registry.rotateSecret(RawSignals.wrappedSecret(KEK, site, "dc09-55-new", TrustProfile.DC09_AES, "55", newKey, now), now, Duration.ofHours(1));
        directory.refresh();
        String topic = "sites/" + site + "/dc09";

        assertThat(check(topic, RawSignals.encryptedDc09Frame("55", "0001", "Nri1/BA01", oldKey, now))).isInstanceOf(Verdict.Accepted.class);
        assertThat(accepted(check(topic, RawSignals.encryptedDc09Frame("55", "0002", "Nri1/BA01", newKey, now))).kid()).isEqualTo("dc09-55-new");

        registry.revokeSecret(site, "dc09-55-new", "panel replaced", now);
        clock.advance(Duration.ofHours(2));
        directory.refresh();
        assertThat(reason(check(topic, RawSignals.encryptedDc09Frame("55", "0003", "Nri1/BA01", newKey, clock.instant()))))
                .isEqualTo(RejectReason.KEY_REVOKED);
    }

    @Test
    void aSecretWrappedUnderAnotherKekAuthenticatesNothing() {
        String site = newSite();
        byte[] key = random(16);
        KeyEncryptionKey other = KeyEncryptionKey.of(random(32));
        SiteSecretRecord plain = RawSignals.wrappedSecret(KEK, site, "dc09-77-x", TrustProfile.DC09_AES, "77", key, clock.instant());
        registry.enrollWithSecret(new SiteRecord(site, "", clock.instant(), null, TrustProfile.DC09_AES),
                new SiteSecretRecord(site, plain.secretId(), plain.kind(), "77", other.wrap(key, plain.associatedData()),
                        other.id(), plain.notBefore(), null, null, null, plain.createdAt()));

        assertThat(reason(check("sites/" + site + "/dc09", RawSignals.encryptedDc09Frame("77", "0001", "Nri1/BA01", key, clock.instant()))))
                .isEqualTo(RejectReason.UNKNOWN_KEY);
    }

    // --- owntracks-secret ----------------------------------------------------------------------

    @Test
    void theOwnTracksAppsEncryptedPayloadIsAcceptedAndReplaysAreNot() {
        String site = newSite();
        enrollOwnTracks(site, "app secret");
        OwnTracksSecretBox box = OwnTracksSecretBox.fromSecret("app secret");
        String topic = "sites/" + site + "/owntracks/jane/phone";
        long tst = clock.instant().getEpochSecond() - 3600; // sent late from the app's offline queue
        byte[] location = RawSignals.ownTracksAppPayload(box, "{\"_type\":\"location\",\"lat\":52.5,\"lon\":13.4,\"tst\":" + tst + "}");
        byte[] transition = RawSignals.ownTracksAppPayload(box, "{\"_type\":\"transition\",\"event\":\"enter\",\"lat\":52.5,\"lon\":13.4,"
                + "\"desc\":\"home\",\"tst\":" + tst + "}");

        VerifiedEnvelope accepted = accepted(check(topic, location));
        assertThat(accepted.profile()).isEqualTo(TrustProfile.OWNTRACKS_SECRET);
        assertThat(accepted.device()).isEqualTo("jane.phone");
        assertThat(accepted.contentType()).isEqualTo(ContentTypes.OWNTRACKS_JSON);
        assertThat(new String(accepted.body(), StandardCharsets.UTF_8)).startsWith("{\"_type\":\"location\"");
        assertThat(check(topic + "/event", transition)).as("same second, other type").isInstanceOf(Verdict.Accepted.class);
        assertThat(accepted(check(topic, location)).duplicate()).as("the same payload again").isTrue();
        byte[] resealed = RawSignals.ownTracksAppPayload(box, "{\"_type\":\"location\",\"lat\":52.5,\"lon\":13.4,\"tst\":" + tst + "}");
        assertThat(reason(check(topic, resealed))).as("the same location sealed again").isEqualTo(RejectReason.REPLAY);
        byte[] older = RawSignals.ownTracksAppPayload(box, "{\"_type\":\"location\",\"lat\":52.5,\"lon\":13.4,\"tst\":" + (tst - 60) + "}");
        assertThat(reason(check(topic, older))).as("re-encrypted old location").isEqualTo(RejectReason.REPLAY);
    }

    @Test
    void ownTracksWrongSecretTamperPlainPayloadAndBadTopicAreRefused() {
        String site = newSite();
        enrollOwnTracks(site, "right");
        String topic = "sites/" + site + "/owntracks/jane/phone";
        String inner = "{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":" + clock.instant().getEpochSecond() + "}";

        assertThat(reason(check(topic, RawSignals.ownTracksAppPayload(OwnTracksSecretBox.fromSecret("wrong"), inner))))
                .isEqualTo(RejectReason.DECRYPT_FAILED);
        String data = OwnTracksSecretBox.fromSecret("right").sealBase64(inner.getBytes(StandardCharsets.UTF_8));
        byte[] wire = Base64.getDecoder().decode(data);
        wire[30] ^= 0x01;
        assertThat(reason(check(topic, ("{\"_type\":\"encrypted\",\"data\":\"" + Base64.getEncoder().encodeToString(wire)
                + "\"}").getBytes(StandardCharsets.UTF_8)))).isEqualTo(RejectReason.DECRYPT_FAILED);
        assertThat(reason(check(topic, inner.getBytes(StandardCharsets.UTF_8)))).as("plain payload")
                .isEqualTo(RejectReason.MALFORMED);
        assertThat(reason(check("sites/" + site + "/phone", RawSignals.ownTracksAppPayload(OwnTracksSecretBox.fromSecret("right"), inner))))
                .isEqualTo(RejectReason.BAD_TOPIC);
    }

    // --- transport-only and signed -------------------------------------------------------------

    @Test
    void transportOnlySignalsAreMarkedAndExactRepeatsAreDuplicateDeliveries() {
        String site = newSite();
        registry.enrollWithSecret(new SiteRecord(site, "", clock.instant(), null, TrustProfile.TRANSPORT_ONLY), null);
        byte[] cid = "1234 18 1130 01 015".getBytes(StandardCharsets.US_ASCII);

        VerifiedEnvelope accepted = accepted(check("sites/" + site + "/cid/panel-1", cid));
        assertThat(accepted.profile().assurance()).isEqualTo("transport");
        assertThat(accepted.contentType()).isEqualTo(ContentTypes.CONTACT_ID);
        assertThat(accepted.device()).isEqualTo("panel-1");
        assertThat(accepted(check("sites/" + site + "/cid/panel-1", cid)).duplicate()).as("the same payload again").isTrue();
        assertThat(reason(check("sites/" + site + "/telnet", cid))).isEqualTo(RejectReason.BAD_TOPIC);
    }

    @Test
    void aSignedSiteSendingARawPayloadIsStillRefused() {
        String site = newSite();
        Instant now = clock.instant();
        SigningKey signing = SigningKey.generate(SignatureAlgorithm.EDDSA);
        registry.enroll(new SiteRecord(site, "", now, null), new SiteKeyRecord(site, "k-" + site, SignatureAlgorithm.EDDSA,
                signing.subjectPublicKeyInfo(), now.minusSeconds(60), null, null, null, now));
        byte[] key = random(16);

        assertThat(reason(check("sites/" + site + "/dc09", RawSignals.encryptedDc09Frame("1", "0001", "Nri1/BA01", key, now))))
                .isEqualTo(RejectReason.MALFORMED);
        assertThat(reason(check("sites/" + site + "/owntracks/a/b", RawSignals.ownTracksAppPayload(OwnTracksSecretBox.fromSecret("x"),
                "{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":1}")))).isEqualTo(RejectReason.MALFORMED);
    }

    // --- helpers -------------------------------------------------------------------------------

    private void enrollDc09(String site, String account, byte[] key) {
        registry.enrollWithSecret(new SiteRecord(site, "", clock.instant(), null, TrustProfile.DC09_AES),
                RawSignals.wrappedSecret(KEK, site, "dc09-" + account + "-1", TrustProfile.DC09_AES, account, key, clock.instant().minusSeconds(60)));
    }

    private void enrollOwnTracks(String site, String secret) {
        registry.enrollWithSecret(new SiteRecord(site, "", clock.instant(), null, TrustProfile.OWNTRACKS_SECRET),
                RawSignals.wrappedSecret(KEK, site, "owntracks-1", TrustProfile.OWNTRACKS_SECRET, null, secret.getBytes(StandardCharsets.UTF_8),
                        clock.instant().minusSeconds(60)));
    }

    private static byte[] tamperLastBlock(byte[] frame) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        int at = text.length() - 3;
        String body = text.substring(8, at) + (text.charAt(at) == '0' ? '1' : '0') + text.substring(at + 1);
        String reframed = String.format(Locale.ROOT, "%04X%04X", io.vigil.normalize.dc09.Crc16Arc.of(body), body.length()) + body;
        return reframed.getBytes(StandardCharsets.ISO_8859_1);
    }

    private Verdict check(String topic, byte[] payload) {
        return gate.check(new ReceivedMessage(topic, payload, false, clock.instant()));
    }

    private static VerifiedEnvelope accepted(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        return ((Verdict.Accepted) verdict).envelope();
    }

    private static RejectReason reason(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        return ((Verdict.Rejected) verdict).reason();
    }

    private static String newSite() {
        return "profile-" + SITES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
