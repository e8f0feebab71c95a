package io.vigil.trust.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.config.VigilProperties;
import io.vigil.db.Database;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.replay.ReplayGuard.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplayGuardIT {

    private static TestDatabase db;
    private static HikariDataSource pool;

    private final MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");
    private final TrustConfig config = TrustConfig.defaults();

    @BeforeAll
    static void database() {
        db = TestDatabase.createMigrated();
        pool = Database.appPool(db.config(), "replay-test");
    }

    @AfterAll
    static void dropDatabase() {
        pool.close();
        db.close();
    }

    @Test
    void sequenceNumbersMayArriveOutOfOrderInsideTheWindowButOnlyOnce() {
        ReplayGuard guard = inMemory(config);
        assertThat(check(guard, "s", "d", 100, "m100", false)).isEqualTo(Outcome.FRESH);
        assertThat(check(guard, "s", "d", 90, "m90", false)).isEqualTo(Outcome.FRESH);
        assertThat(check(guard, "s", "d", 90, "m90b", false)).isEqualTo(Outcome.REPLAY_SEQUENCE);
        assertThat(check(guard, "s", "d", 37, "m37", false)).isEqualTo(Outcome.FRESH);
        assertThat(check(guard, "s", "d", 36, "m36", false)).isEqualTo(Outcome.REPLAY_SEQUENCE);
        assertThat(check(guard, "s", "d", 200, "m200", false)).isEqualTo(Outcome.FRESH);
        assertThat(check(guard, "s", "d", 100, "m100b", false)).isEqualTo(Outcome.REPLAY_SEQUENCE);
        // another device of the same site has its own sequence
        assertThat(check(guard, "s", "d2", 100, "m100c", false)).isEqualTo(Outcome.FRESH);
    }

    @Test
    void messageIdsAreUniquePerSiteWithinTheHorizon() {
        ReplayGuard guard = inMemory(config);
        assertThat(check(guard, "s", "d", 1, "same", false)).isEqualTo(Outcome.FRESH);
        assertThat(check(guard, "s", "d2", 1, "same", false)).isEqualTo(Outcome.REPLAY_MESSAGE_ID);
        assertThat(check(guard, "other-site", "d", 1, "same", false)).isEqualTo(Outcome.FRESH);

        // after the horizon (iat + max age) the id is forgotten: a replay of it would be stale anyway
        clock.advance(Duration.ofSeconds(43));
        assertThat(guard.check("s", "d3", 1, "same", bytes("s", "d3", 1, "same"), clock.instant(), false, false)).isEqualTo(Outcome.FRESH);
    }

    @Test
    void aBrokerRedeliveryIsAcceptedAgainAndMarkedAsSuch() {
        ReplayGuard guard = inMemory(config);
        assertThat(check(guard, "s", "d", 5, "m5", false)).isEqualTo(Outcome.FRESH);
        assertThat(check(guard, "s", "d", 5, "m5", true)).isEqualTo(Outcome.REDELIVERED);
        // a DUP delivery of something never seen is simply fresh
        assertThat(check(guard, "s", "d", 6, "m6", true)).isEqualTo(Outcome.FRESH);
        assertThat(check(guard, "s", "d", 6, "m6-again", false)).isEqualTo(Outcome.REPLAY_SEQUENCE);
    }

    @Test
    void theMessageIdMemoryIsBoundedAndFailsSafe() {
        TrustConfig small = TrustConfig.from(VigilProperties.of(Map.of("vigil.trust.replay.max-message-ids", "1024")));
        ReplayGuard guard = inMemory(small);
        for (int i = 0; i < 1024; i++) {
            assertThat(check(guard, "s", "d", i, "m" + i, false)).isEqualTo(Outcome.FRESH);
        }
        assertThat(guard.rememberedMessageIds()).isEqualTo(1024);
        assertThat(check(guard, "s", "d", 5000, "m5000", false)).isEqualTo(Outcome.FULL);
        assertThat(check(guard, "s", "d", 5000, "m5000", true)).isEqualTo(Outcome.FRESH);

        clock.advance(Duration.ofSeconds(43));
        assertThat(guard.check("s", "d", 6000, "m6000", bytes("s", "d", 6000, "m6000"), clock.instant(), false, false)).isEqualTo(Outcome.FRESH);
        assertThat(guard.rememberedMessageIds()).isEqualTo(1);
    }

    @Test
    void stateSurvivesARestartThroughTheStore() {
        PostgresSequenceStore store = new PostgresSequenceStore(pool);
        ReplayGuard before = new ReplayGuard(config, store, clock).start();
        for (long seq = 1; seq <= 10; seq++) {
            check(before, "restart-site", "panel-1", seq, "r" + seq, false);
        }
        before.close();

        ReplayGuard after = new ReplayGuard(config, store, clock).start();
        try {
            assertThat(check(after, "restart-site", "panel-1", 7, "new-id-7", false)).isEqualTo(Outcome.REPLAY_SEQUENCE);
            assertThat(check(after, "restart-site", "panel-1", 7, "r7", true)).isEqualTo(Outcome.REDELIVERED);
            assertThat(check(after, "restart-site", "panel-1", 11, "r11", false)).isEqualTo(Outcome.FRESH);
        } finally {
            after.close();
        }
    }

    @Test
    void theCrashGapIsClosedByRecordingWhatWasAccepted() {
        PostgresSequenceStore store = new PostgresSequenceStore(pool);
        ReplayGuard crashed = new ReplayGuard(config, store, clock).start();
        check(crashed, "gap-site", "panel-1", 1, "g1", false);
        crashed.flush();
        // accepted, then the process dies before the next flush
        check(crashed, "gap-site", "panel-1", 2, "g2", false);

        ReplayGuard restarted = new ReplayGuard(config, store, clock).start();
        try {
            assertThat(check(restarted, "gap-site", "panel-1", 1, "g1-again", false)).isEqualTo(Outcome.REPLAY_SEQUENCE);
            // the ingest feeds the tail of signals.accepted before consuming again
            restarted.recordAccepted("gap-site", "panel-1", 2, "g2", bytes("gap-site", "panel-1", 2, "g2"), clock.instant());
            assertThat(check(restarted, "gap-site", "panel-1", 2, "g2-again", false)).isEqualTo(Outcome.REPLAY_SEQUENCE);
            assertThat(check(restarted, "gap-site", "panel-1", 3, "g2", false)).isEqualTo(Outcome.REPLAY_MESSAGE_ID);
            // the same bytes again (a redelivery the broker did not flag) are a duplicate delivery, not a replay
            assertThat(check(restarted, "gap-site", "panel-1", 2, "g2", false)).isEqualTo(Outcome.DUPLICATE);
            assertThat(check(restarted, "gap-site", "panel-1", 2, "g2", true)).isEqualTo(Outcome.REDELIVERED);
        } finally {
            restarted.close();
            crashed.close();
        }
    }

    @Test
    void theSameIdWithTheSameBytesIsADuplicateDeliveryWithOtherBytesAReplay() {
        ReplayGuard guard = inMemory(config);
        assertThat(check(guard, "s", "d", 7, "m7", false)).isEqualTo(Outcome.FRESH);
        assertThat(check(guard, "s", "d", 7, "m7", false)).isEqualTo(Outcome.DUPLICATE);
        assertThat(check(guard, "s", "d", 7, "m7", false)).isEqualTo(Outcome.DUPLICATE);
        byte[] resigned = "same claims, another signature".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(guard.check("s", "d", 7, "m7", resigned, clock.instant(), false, false))
                .isEqualTo(Outcome.REPLAY_MESSAGE_ID);
        // a late envelope's id is remembered from when it was accepted, so its redelivery is a duplicate too
        assertThat(checkLate(guard, "d", 8, "m8", Duration.ofMinutes(30))).isEqualTo(Outcome.FRESH);
        assertThat(checkLate(guard, "d", 8, "m8", Duration.ofMinutes(30))).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void aLateEnvelopeIsNewOnlyWhenItsSequenceNumberProvesIt() {
        ReplayGuard guard = inMemory(config);
        // a backlog held during an outage: issued 30 min ago, sequence numbers above anything seen
        for (long seq = 100; seq < 110; seq++) {
            assertThat(checkLate(guard, "d", seq, "b" + seq, Duration.ofMinutes(30))).isEqualTo(Outcome.FRESH);
        }
        assertThat(check(guard, "s", "d", 200, "m200", false)).isEqualTo(Outcome.FRESH);
        // unseen inside the window (the bitmap is exact): still provably new
        assertThat(checkLate(guard, "d", 150, "b150", Duration.ofMinutes(2))).isEqualTo(Outcome.FRESH);

        // once their ids are forgotten, the same envelopes are replays by sequence
        clock.advance(Duration.ofMinutes(2));
        assertThat(checkLate(guard, "d", 150, "b150", Duration.ofMinutes(4))).isEqualTo(Outcome.REPLAY_SEQUENCE);
        // below the window with an unknown id: nothing proves it new, and it is too old to judge by time
        assertThat(checkLate(guard, "d", 105, "never-seen", Duration.ofMinutes(32))).isEqualTo(Outcome.UNPROVEN);
        // the same below the window but fresh stays a replay, as before
        assertThat(check(guard, "s", "d", 105, "never-seen-2", false)).isEqualTo(Outcome.REPLAY_SEQUENCE);
    }

    @Test
    void theStoreNeverMovesAHighWaterMarkBackwards() {
        PostgresSequenceStore store = new PostgresSequenceStore(pool);
        DeviceKey device = new DeviceKey("merge-site", "panel-1");
        store.save(List.of(new SequenceState(device, 100, 0b1011)));
        store.save(List.of(new SequenceState(device, 90, 0b1)));
        store.save(List.of(new SequenceState(device, 100, 0b0100)));

        SequenceState stored = store.loadAll().stream().filter(s -> s.device().equals(device)).findFirst().orElseThrow();
        assertThat(stored.highWater()).isEqualTo(100);
        assertThat(stored.windowBits()).isEqualTo(0b1111);
    }

    @Test
    void concurrentDuplicatesAreAcceptedExactlyOnce() throws Exception {
        ReplayGuard guard = inMemory(config);
        int messages = 2_000;
        Map<Long, AtomicInteger> accepted = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(pool.submit(() -> {
                start.await();
                for (long seq = 0; seq < messages; seq++) {
                    if (guard.check("race", "d" + seq % 3, seq, "m" + seq, bytes("race", "d" + seq % 3, seq, "m" + seq), clock.instant(), false, false) == Outcome.FRESH) {
                        accepted.computeIfAbsent(seq, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        assertThat(accepted).hasSize(messages);
        assertThat(accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    private ReplayGuard inMemory(TrustConfig c) {
        return new ReplayGuard(c, SequenceStore.NONE, clock);
    }

    private Outcome check(ReplayGuard guard, String site, String device, long seq, String mid, boolean dup) {
        Instant iat = clock.instant();
        return guard.check(site, device, seq, mid, bytes(site, device, seq, mid), iat, false, dup);
    }

    private Outcome checkLate(ReplayGuard guard, String device, long seq, String mid, Duration late) {
        return guard.check("s", device, seq, mid, bytes("s", device, seq, mid), clock.instant().minus(late), true, false);
    }

    /** Stands for the envelope bytes: the same claims give the same bytes (as Ed25519 signatures do). */
    private static byte[] bytes(String site, String device, long seq, String mid) {
        return (site + "/" + device + "/" + seq + "/" + mid).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
