package io.vigil.trust.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.pki.DevPki;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import io.vigil.trust.Encoding;
import io.vigil.trust.ReceivedMessage;
import io.vigil.trust.RejectReason;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.TrustGate;
import io.vigil.trust.TrustMetrics;
import io.vigil.trust.Verdict;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.replay.ReplayGuard;
import io.vigil.trust.replay.SequenceStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolment, rotation with overlap and revocation, through the CLI's service and the gate. */
class KeyLifecycleIT {

    private static final byte[] BODY = "heartbeat".getBytes(StandardCharsets.UTF_8);
    private static final String CT = "application/vnd.vigil.heartbeat";

    private static TestDatabase db;
    private static HikariDataSource pool;
    private static PostgresKeyRegistry registry;

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");

    @BeforeAll
    static void database() {
        db = TestDatabase.createMigrated();
        pool = Database.appPool(db.config(), "key-lifecycle-test");
        registry = new PostgresKeyRegistry(pool);
    }

    @AfterAll
    static void dropDatabase() {
        pool.close();
        db.close();
    }

    @Test
    void duringTheOverlapBothKeysVerifyAfterItOnlyTheNewOne() {
        TrustConfig config = TrustConfig.defaults();
        try (CachedKeyDirectory directory = new CachedKeyDirectory(registry, config, clock).start()) {
            TrustGate gate = gate(config, directory);
            SiteEnrollment enrollment = enrollment();
            SiteEnrollment.Enrolled enrolled = enrollment.enroll("rotating-site", "Rotating", SignatureAlgorithm.EDDSA);
            DeviceSigner oldKey = DeviceSigner.load(enrolled.bundle(), clock);
            assertThat(verdict(gate, oldKey)).isInstanceOf(Verdict.Accepted.class);

            SiteEnrollment.Rotated rotated = enrollment.rotate("rotating-site", null, Duration.ofHours(1));
            assertThat(rotated.retiringKids()).containsExactly(enrolled.kid());
            assertThat(rotated.alg()).isEqualTo(SignatureAlgorithm.EDDSA);
            DeviceSigner newKey = DeviceSigner.load(rotated.bundle(), clock).forDevice("panel-2");
            assertThat(newKey.kid()).isEqualTo(rotated.kid()).isNotEqualTo(oldKey.kid());
            directory.refresh();

            assertThat(verdict(gate, oldKey)).isInstanceOf(Verdict.Accepted.class);
            assertThat(verdict(gate, newKey)).isInstanceOf(Verdict.Accepted.class);

            clock.advance(Duration.ofHours(1).plusSeconds(1));
            assertRejected(verdict(gate, oldKey), RejectReason.KEY_NOT_VALID);
            assertThat(verdict(gate, newKey)).isInstanceOf(Verdict.Accepted.class);
        }
    }

    @Test
    void aRevocationTakesEffectAtOnceThroughNotify() {
        // a poll interval far longer than the wait: only the NOTIFY can make this pass
        TrustConfig config = TrustConfig.from(VigilProperties.of(Map.of("vigil.trust.key-refresh", "1h")));
        try (CachedKeyDirectory directory = new CachedKeyDirectory(registry, config, clock).start();
             KeyChangeListener listener = new KeyChangeListener(pool, directory::requestRefresh).start()) {
            TrustGate gate = gate(config, directory);
            SiteEnrollment.Enrolled enrolled = enrollment().enroll("notify-site", "", SignatureAlgorithm.ES256);
            DeviceSigner signer = DeviceSigner.load(enrolled.bundle(), clock);
            assertThat(verdict(gate, signer)).isInstanceOf(Verdict.Accepted.class);

            assertThat(enrollment().revoke("notify-site", enrolled.kid(), "device stolen")).isTrue();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertRejected(verdict(gate, signer), RejectReason.KEY_REVOKED));
        }
    }

    @Test
    void withoutNotifyTheRefreshIntervalBoundsARevocation() {
        TrustConfig config = TrustConfig.from(VigilProperties.of(Map.of("vigil.trust.key-refresh", "200ms")));
        try (CachedKeyDirectory directory = new CachedKeyDirectory(registry, config, clock).start()) {
            TrustGate gate = gate(config, directory);
            SiteEnrollment.Enrolled enrolled = enrollment().enroll("poll-site", "", SignatureAlgorithm.EDDSA);
            DeviceSigner signer = DeviceSigner.load(enrolled.bundle(), clock);
            assertThat(verdict(gate, signer)).isInstanceOf(Verdict.Accepted.class);

            registry.revoke("poll-site", enrolled.kid(), "test", clock.instant());

            await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertRejected(verdict(gate, signer), RejectReason.KEY_REVOKED));
        }
    }

    @Test
    void aSiteCannotBeEnrolledTwice() {
        SiteEnrollment enrollment = enrollment();
        enrollment.enroll("once-site", "", SignatureAlgorithm.EDDSA);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> enrollment.enroll("once-site", "", SignatureAlgorithm.EDDSA))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("enrolled already");
    }

    private SiteEnrollment enrollment() {
        return new SiteEnrollment(registry, new DevPki(dir.resolve("pki"), "test-pki".toCharArray()), dir.resolve("sites"),
                "ssl://localhost:8883", clock);
    }

    private TrustGate gate(TrustConfig config, KeyDirectory directory) {
        return new TrustGate(config, directory, new ReplayGuard(config, SequenceStore.NONE, clock), new TrustMetrics(), clock);
    }

    private Verdict verdict(TrustGate gate, DeviceSigner signer) {
        return gate.check(new ReceivedMessage(signer.topic(), signer.sign(Encoding.JWS, CT, BODY), false, clock.instant()));
    }

    private static void assertRejected(Verdict verdict, RejectReason reason) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) verdict).reason()).isEqualTo(reason);
    }
}
