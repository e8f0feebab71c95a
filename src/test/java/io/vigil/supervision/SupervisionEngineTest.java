package io.vigil.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.supervision.HeartbeatOutcome.Ok;
import io.vigil.supervision.HeartbeatOutcome.Restored;
import io.vigil.supervision.HeartbeatOutcome.Stale;
import io.vigil.supervision.HeartbeatOutcome.Unknown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupervisionEngineTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration ADVANCE_EVERY = Duration.ofMillis(250);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final TestClock clock = new TestClock(T0);
    private final SupervisionEngine engine = new SupervisionEngine(
            SupervisionConfig.DEFAULTS.withDefaultInterval(Duration.ofSeconds(60)).withGrace(GRACE), clock);

    @Test
    void aSiteThatStaysSilentIsMissedOnceAfterIntervalPlusGrace() {
        engine.register("site-0000001");
        engine.heartbeat("site-0000001", T0);

        List<Missed> missed = runUntil(T0.plusSeconds(600));

        Instant deadline = T0.plusSeconds(65);
        assertThat(missed).containsExactly(new Missed("site-0000001", deadline, Optional.of(T0)));
        assertThat(engine.status("site-0000001")).get().extracting(SiteStatus::inFailure).isEqualTo(true);
        assertThat(engine.stats().sitesInFailure()).isEqualTo(1);
    }

    @Test
    void aMissIsReportedWithinOneSecondOfTheDeadlineAndNeverBefore() {
        engine.register("site-0000001");
        clock.advance(Duration.ofMillis(3_777));
        engine.heartbeat("site-0000001", clock.instant());
        Instant deadline = clock.instant().plusSeconds(65);

        Instant reportedAt = null;
        while (reportedAt == null) {
            Instant now = clock.advance(ADVANCE_EVERY);
            if (!engine.advance(now).isEmpty()) {
                reportedAt = now;
            }
        }

        assertThat(reportedAt).isAfter(deadline).isBeforeOrEqualTo(deadline.plusSeconds(1));
    }

    @Test
    void aRegisteredSiteNeverHeardFromIsMissedAfterItsFirstInterval() {
        engine.register("site-0000001");

        assertThat(runUntil(T0.plusSeconds(600)))
                .containsExactly(new Missed("site-0000001", T0.plusSeconds(65), Optional.empty()));
    }

    @Test
    void heartbeatsBeforeTheDeadlineKeepASiteHealthy() {
        engine.register("site-0000001");
        for (int minute = 1; minute <= 30; minute++) {
            assertThat(runUntil(T0.plusSeconds(60L * minute))).isEmpty();
            assertThat(engine.heartbeat("site-0000001", clock.instant()))
                    .isEqualTo(new Ok("site-0000001", clock.instant().plusSeconds(65)));
        }
    }

    @Test
    void theNextHeartbeatRestoresAMissedSiteAndItCanBeMissedAgain() {
        engine.register("site-0000001");
        engine.heartbeat("site-0000001", T0);
        runUntil(T0.plusSeconds(100));

        HeartbeatOutcome outcome = engine.heartbeat("site-0000001", clock.instant());

        assertThat(outcome).isEqualTo(new Restored("site-0000001", T0.plusSeconds(65), T0.plusSeconds(100)));
        assertThat(engine.stats().sitesInFailure()).isZero();
        assertThat(runUntil(T0.plusSeconds(300)))
                .containsExactly(new Missed("site-0000001", T0.plusSeconds(165), Optional.of(T0.plusSeconds(100))));
    }

    @Test
    void aHeartbeatTooOldToCoverNowDoesNotRestore() {
        engine.register("site-0000001");
        engine.heartbeat("site-0000001", T0);
        runUntil(T0.plusSeconds(200));

        HeartbeatOutcome late = engine.heartbeat("site-0000001", T0.plusSeconds(120));

        assertThat(late).isEqualTo(new Stale("site-0000001", T0.plusSeconds(65), T0.plusSeconds(120)));
        assertThat(engine.status("site-0000001")).get().extracting(SiteStatus::inFailure).isEqualTo(true);
        assertThat(engine.heartbeat("site-0000001", T0.plusSeconds(199))).isInstanceOf(Restored.class);
    }

    @Test
    void aReorderedHeartbeatNeverMovesTheDeadlineBack() {
        engine.register("site-0000001");
        clock.set(T0.plusSeconds(40));
        engine.heartbeat("site-0000001", T0.plusSeconds(30));

        HeartbeatOutcome older = engine.heartbeat("site-0000001", T0.plusSeconds(10));

        assertThat(older).isEqualTo(new Ok("site-0000001", T0.plusSeconds(95)));
        assertThat(engine.status("site-0000001").orElseThrow().lastHeartbeat()).contains(T0.plusSeconds(30));
    }

    @Test
    void aHeartbeatDatedInTheFutureCountsAsNow() {
        engine.register("site-0000001");

        HeartbeatOutcome outcome = engine.heartbeat("site-0000001", T0.plus(Duration.ofDays(365)));

        assertThat(outcome).isEqualTo(new Ok("site-0000001", T0.plusSeconds(65)));
    }

    @Test
    void anUnknownSiteIsReportedAndNotRegistered() {
        assertThat(engine.heartbeat("site-0000404", T0)).isEqualTo(new Unknown("site-0000404"));
        assertThat(engine.status("site-0000404")).isEmpty();
        assertThat(engine.stats().sites()).isZero();
    }

    @Test
    void eachSiteIsJudgedByItsOwnIntervalFromSecondsTo25Hours() {
        Map<String, Duration> intervals = Map.of(
                "sp6", Duration.ofSeconds(1),
                "fast", Duration.ofSeconds(20),
                "sp5", Duration.ofSeconds(90),
                "sp3", Duration.ofMinutes(30),
                "sp2", Duration.ofHours(25));
        intervals.forEach((site, interval) -> {
            engine.register(site, interval);
            engine.heartbeat(site, T0);
        });

        Map<String, Instant> reportedAt = new HashMap<>();
        Duration step = Duration.ofMillis(200);
        while (clock.instant().isBefore(T0.plus(Duration.ofHours(26)))) {
            Instant now = clock.advance(step);
            engine.advance(now).forEach(missed -> reportedAt.put(missed.siteId(), now));
        }

        assertThat(reportedAt).containsOnlyKeys(intervals.keySet());
        intervals.forEach((site, interval) -> assertThat(reportedAt.get(site))
                .as(site)
                .isAfter(T0.plus(interval).plus(GRACE))
                .isBeforeOrEqualTo(T0.plus(interval).plus(GRACE).plusSeconds(1)));
    }

    @Test
    void aSiteOwnIntervalOverridesTheDefaultUntilItIsRegisteredWithoutOne() {
        engine.register("site-0000001", Duration.ofMinutes(30));
        assertThat(engine.status("site-0000001").orElseThrow())
                .extracting(SiteStatus::interval, SiteStatus::intervalOverridden)
                .containsExactly(Duration.ofMinutes(30), true);

        assertThat(engine.register("site-0000001")).isFalse();

        assertThat(engine.status("site-0000001").orElseThrow())
                .extracting(SiteStatus::interval, SiteStatus::intervalOverridden, SiteStatus::deadline)
                .containsExactly(Duration.ofSeconds(60), false, T0.plusSeconds(65));
    }

    @Test
    void changingTheIntervalOfAHealthySiteMovesItsDeadlineByTheDifference() {
        engine.register("site-0000001", Duration.ofMinutes(10));
        engine.heartbeat("site-0000001", T0);
        clock.set(T0.plusSeconds(100));

        engine.register("site-0000001", Duration.ofSeconds(60));

        assertThat(engine.status("site-0000001").orElseThrow().deadline()).isEqualTo(T0.plusSeconds(65));
        assertThat(engine.advance(T0.plusSeconds(101)))
                .extracting(Missed::siteId).containsExactly("site-0000001");
    }

    @Test
    void anUnregisteredSiteIsNoLongerSupervised() {
        engine.register("site-0000001");
        engine.register("site-0000002");
        engine.heartbeat("site-0000001", T0);

        assertThat(engine.unregister("site-0000001")).isTrue();
        assertThat(engine.unregister("site-0000001")).isFalse();

        assertThat(runUntil(T0.plusSeconds(600))).extracting(Missed::siteId).containsExactly("site-0000002");
        assertThat(engine.heartbeat("site-0000001", clock.instant())).isInstanceOf(Unknown.class);
        assertThat(engine.unregister("site-0000002")).isTrue();
        assertThat(engine.stats()).extracting(SupervisionStats::sites, SupervisionStats::sitesInFailure)
                .containsExactly(0, 0);
    }

    @Test
    void aSiteRegisteredAgainAfterUnregisteringStartsAfresh() {
        engine.register("site-0000001");
        runUntil(T0.plusSeconds(100));
        engine.unregister("site-0000001");

        engine.register("site-0000001");

        assertThat(engine.status("site-0000001").orElseThrow())
                .extracting(SiteStatus::inFailure, SiteStatus::lastHeartbeat, SiteStatus::deadline)
                .containsExactly(false, Optional.empty(), T0.plusSeconds(165));
    }

    @Test
    void rejectsInvalidSiteIdsAndIntervals() {
        for (String bad : new String[] {null, "", "-site", "site/1", "x".repeat(65)}) {
            assertThatThrownBy(() -> engine.register(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.heartbeat(bad, T0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.unregister(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> engine.register("site-1", Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.register("site-1", Duration.ofHours(25).plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.register("x".repeat(64), Duration.ofHours(25))).isTrue();
        assertThat(engine.stats().sites()).isEqualTo(1);
    }

    @Test
    void aMassOutageIsReportedInBoundedBatchesWithoutLosingAnySite() {
        SupervisionEngine bounded = new SupervisionEngine(
                SupervisionConfig.DEFAULTS.withDefaultInterval(Duration.ofSeconds(60)).withMaxMissesPerAdvance(1000),
                clock);
        for (int i = 0; i < 2500; i++) {
            bounded.register(id(i));
        }
        clock.set(T0.plusSeconds(120));

        List<Integer> batches = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        for (List<Missed> batch = bounded.advance(); !batch.isEmpty(); batch = bounded.advance()) {
            batches.add(batch.size());
            batch.forEach(missed -> reported.add(missed.siteId()));
        }

        assertThat(batches).containsExactly(1000, 1000, 500);
        assertThat(reported).doesNotHaveDuplicates().hasSize(2500);
    }

    @Test
    void advanceCostDependsOnTheSitesDueNotOnTheSitesSupervised() {
        long[] small = costOfOneAdvance(100);
        long[] large = costOfOneAdvance(200_000);

        assertThat(large).containsExactly(small);
        assertThat(small[1]).isEqualTo(10); // sites examined = sites due
    }

    /** Registers {@code sites} sites of which 10 fall silent, and counts what one advance past their deadline visits. */
    private long[] costOfOneAdvance(int sites) {
        TestClock own = new TestClock(T0);
        SupervisionEngine measured = new SupervisionEngine(
                SupervisionConfig.DEFAULTS.withDefaultInterval(Duration.ofHours(1)).withGrace(Duration.ZERO), own);
        for (int i = 0; i < sites; i++) {
            if (i < 10) {
                measured.register(id(i), Duration.ofSeconds(10));
            } else {
                measured.register(id(i));
            }
        }
        measured.advance(T0.plusSeconds(9));
        SupervisionStats before = measured.stats();

        List<Missed> missed = measured.advance(T0.plusSeconds(11));

        SupervisionStats after = measured.stats();
        assertThat(missed).hasSize(10);
        return new long[] {after.bucketsVisited() - before.bucketsVisited(), after.sitesVisited() - before.sitesVisited()};
    }

    @Test
    void aPauseLongerThanTheWheelRevolutionReportsOnlyWhatIsDue() {
        engine.register("due", Duration.ofSeconds(60));
        clock.set(T0.plus(Duration.ofHours(30)));
        engine.register("later", Duration.ofHours(25));

        List<Missed> missed = engine.advance(T0.plus(Duration.ofHours(50)));

        assertThat(missed).extracting(Missed::siteId).containsExactly("due");
        assertThat(engine.advance(T0.plus(Duration.ofHours(55)).plusSeconds(6)))
                .extracting(Missed::siteId).containsExactly("later");
    }

    private List<Missed> runUntil(Instant end) {
        List<Missed> missed = new ArrayList<>();
        while (clock.instant().isBefore(end)) {
            missed.addAll(engine.advance(clock.advance(ADVANCE_EVERY)));
        }
        return missed;
    }

    private static String id(int i) {
        return String.format("site-%07d", i);
    }
}
