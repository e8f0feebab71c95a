package io.vigil.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RejectBurstDetectorTest {

    private final RejectBurstDetector detector = new RejectBurstDetector(new TrustConfig.RejectBurst(20, Duration.ofSeconds(60)));
    private final Instant t0 = Instant.parse("2025-06-01T10:00:00Z");

    @Test
    void theTwentiethRejectWithinAMinuteRaisesOneAlert() {
        for (int i = 0; i < 19; i++) {
            assertThat(detector.record("site-1", i % 2 == 0 ? RejectReason.BAD_SIGNATURE : RejectReason.REPLAY,
                    t0.plusSeconds(i))).isEmpty();
        }
        Optional<SecurityAlert> alert = detector.record("site-1", RejectReason.KEY_REVOKED, t0.plusSeconds(19));

        assertThat(alert).hasValueSatisfying(a -> {
            assertThat(a.site()).isEqualTo("site-1");
            assertThat(a.count()).isEqualTo(20);
            assertThat(a.reasons()).containsEntry("bad_signature", 10).containsEntry("replay", 9).containsEntry("key_revoked", 1);
            assertThat(a.firstAt()).isEqualTo(t0);
            assertThat(a.lastAt()).isEqualTo(t0.plusSeconds(19));
            assertThat(a.window()).isEqualTo(Duration.ofSeconds(60));
        });
        // the burst goes on: quiet for the rest of the window
        for (int i = 20; i < 60; i++) {
            assertThat(detector.record("site-1", RejectReason.REPLAY, t0.plusSeconds(i))).isEmpty();
        }
        // still bursting a window after the alert: a new alert
        assertThat(detector.record("site-1", RejectReason.REPLAY, t0.plusSeconds(80))).isPresent();
    }

    @Test
    void rejectsSpreadWiderThanTheWindowRaiseNothing() {
        for (int i = 0; i < 100; i++) {
            assertThat(detector.record("slow-site", RejectReason.STALE, t0.plusSeconds(4L * i))).isEmpty();
        }
    }

    @Test
    void sitesAreCountedSeparately() {
        for (int i = 0; i < 19; i++) {
            detector.record("a", RejectReason.MALFORMED, t0);
            detector.record("b", RejectReason.MALFORMED, t0);
        }
        assertThat(detector.record("a", RejectReason.MALFORMED, t0)).isPresent();
        assertThat(detector.record("c", RejectReason.MALFORMED, t0)).isEmpty();
        assertThat(detector.record(null, RejectReason.BAD_TOPIC, t0)).isEmpty();
    }

    @Test
    void topicSitesAreTakenFromWellFormedTopicsOnly() {
        assertThat(TopicSites.siteOf("sites/site-1/panel-1")).isEqualTo("site-1");
        assertThat(TopicSites.siteOf("sites/site-1/")).isNull();
        assertThat(TopicSites.siteOf("sites/../x")).isNull();
        assertThat(TopicSites.siteOf(null)).isNull();
    }
}
