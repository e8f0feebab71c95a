package io.vigil.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.supervision.HeartbeatOutcome.Restored;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisionSnapshotTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final SupervisionConfig CONFIG =
            SupervisionConfig.DEFAULTS.withDefaultInterval(Duration.ofSeconds(60)).withGrace(GRACE);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);

    @Test
    void aRoundTripKeepsEverySiteItsIntervalAndItsFailure() throws IOException {
        SupervisionEngine engine = new SupervisionEngine(CONFIG, clock);
        engine.register("healthy");
        engine.register("own-interval", Duration.ofHours(25));
        engine.register("failed");
        engine.register("gone");
        engine.unregister("gone");
        clock.set(T0.plusSeconds(50));
        engine.heartbeat("healthy", clock.instant());
        engine.heartbeat("own-interval", clock.instant());
        engine.advance(T0.plusSeconds(70));
        Path file = dir.resolve("supervision.snapshot");

        assertThat(SupervisionSnapshot.write(engine, file)).isEqualTo(3);
        SupervisionEngine restored = SupervisionSnapshot.read(file, CONFIG, clock);

        for (String site : List.of("healthy", "own-interval", "failed")) {
            assertThat(restored.status(site)).as(site).isEqualTo(engine.status(site));
        }
        assertThat(restored.status("gone")).isEmpty();
        assertThat(restored.stats().sites()).isEqualTo(3);
        assertThat(restored.stats().sitesInFailure()).isEqualTo(1);
        assertThat(dir.resolve("supervision.snapshot.tmp")).doesNotExist();
    }

    @Test
    void aNewSnapshotReplacesTheOldOne() throws IOException {
        SupervisionEngine engine = new SupervisionEngine(CONFIG, clock);
        Path file = dir.resolve("supervision.snapshot");
        engine.register("site-1");
        SupervisionSnapshot.write(engine, file);
        engine.register("site-2");

        SupervisionSnapshot.write(engine, file);

        assertThat(SupervisionSnapshot.read(file, CONFIG, clock).stats().sites()).isEqualTo(2);
    }

    @Test
    void aSnapshotWithAnyByteChangedIsRejected() throws IOException {
        byte[] good = snapshotOfManySites(20);
        for (int position = 0; position < good.length; position++) {
            byte[] bad = good.clone();
            bad[position] ^= 0x10;
            Path file = Files.write(dir.resolve("bad-" + position), bad);
            assertThatThrownBy(() -> SupervisionSnapshot.read(file, CONFIG, clock))
                    .as("byte %d changed", position)
                    .isInstanceOf(CorruptSnapshotException.class);
        }
    }

    @Test
    void aTruncatedOrExtendedSnapshotIsRejected() throws IOException {
        byte[] good = snapshotOfManySites(20);
        for (int length : new int[] {0, 3, 20, good.length / 2, good.length - 1}) {
            Path file = Files.write(dir.resolve("short-" + length), Arrays.copyOf(good, length));
            assertThatThrownBy(() -> SupervisionSnapshot.read(file, CONFIG, clock))
                    .as("%d of %d bytes", length, good.length)
                    .isInstanceOf(CorruptSnapshotException.class);
        }
        Path longer = Files.write(dir.resolve("long"), Arrays.copyOf(good, good.length + 1));
        assertThatThrownBy(() -> SupervisionSnapshot.read(longer, CONFIG, clock))
                .isInstanceOf(CorruptSnapshotException.class);
    }

    @Test
    void sitesOverdueBecauseOfTheOutageAreNotFloodedAfterARestart() throws IOException {
        SupervisionEngine before = new SupervisionEngine(CONFIG, clock);
        for (int i = 0; i < 1000; i++) {
            before.register(id(i));
            before.heartbeat(id(i), T0);
        }
        Path file = dir.resolve("supervision.snapshot");
        clock.set(T0.plusSeconds(30));
        SupervisionSnapshot.write(before, file);

        Instant restart = clock.advance(Duration.ofMinutes(10));
        SupervisionEngine after = SupervisionSnapshot.read(file, CONFIG, clock);
        List<Missed> missed = new ArrayList<>(runUntil(after, restart.plusSeconds(30)));
        for (int i = 10; i < 1000; i++) {
            after.heartbeat(id(i), clock.instant());
        }
        missed.addAll(runUntil(after, restart.plusSeconds(90)));

        assertThat(missed).extracting(Missed::siteId).containsExactlyInAnyOrder(
                id(0), id(1), id(2), id(3), id(4), id(5), id(6), id(7), id(8), id(9));
        assertThat(missed).allSatisfy(m -> assertThat(m.deadline()).isEqualTo(restart.plusSeconds(65)));
    }

    @Test
    void aSiteThatDiedBeforeTheRestartIsStillReported() throws IOException {
        SupervisionEngine before = new SupervisionEngine(CONFIG, clock);
        before.register("dies");
        before.heartbeat("dies", T0);
        Path file = dir.resolve("supervision.snapshot");
        clock.set(T0.plusSeconds(10));
        SupervisionSnapshot.write(before, file);

        Instant restart = clock.advance(Duration.ofSeconds(20));
        SupervisionEngine after = SupervisionSnapshot.read(file, CONFIG, clock);

        assertThat(runUntil(after, restart.plusSeconds(300)))
                .containsExactly(new Missed("dies", restart.plusSeconds(65), Optional.of(T0)));
    }

    @Test
    void aSiteInFailureStaysInFailureWithoutBeingReportedAgain() throws IOException {
        SupervisionEngine before = new SupervisionEngine(CONFIG, clock);
        before.register("failed");
        before.heartbeat("failed", T0);
        assertThat(before.advance(T0.plusSeconds(70))).hasSize(1);
        Path file = dir.resolve("supervision.snapshot");
        SupervisionSnapshot.write(before, file);

        Instant restart = clock.advance(Duration.ofMinutes(5));
        SupervisionEngine after = SupervisionSnapshot.read(file, CONFIG, clock);

        assertThat(runUntil(after, restart.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(after.heartbeat("failed", clock.instant()))
                .isEqualTo(new Restored("failed", T0.plusSeconds(65), clock.instant()));
    }

    @Test
    void theRestartAllowanceCapsHowLongALongIntervalSiteIsExcused() throws IOException {
        SupervisionEngine before = new SupervisionEngine(CONFIG.withRestartAllowance(Duration.ofHours(1)), clock);
        before.register("due-soon", Duration.ofHours(25));
        before.register("due-later", Duration.ofHours(25));
        before.heartbeat("due-soon", T0);
        clock.set(T0.plus(Duration.ofHours(20)));
        before.heartbeat("due-later", clock.instant());
        Path file = dir.resolve("supervision.snapshot");
        SupervisionSnapshot.write(before, file);

        Instant restart = clock.set(T0.plus(Duration.ofHours(24)).plusSeconds(50));
        SupervisionEngine after = SupervisionSnapshot.read(file, CONFIG.withRestartAllowance(Duration.ofHours(1)), clock);

        assertThat(after.status("due-soon").orElseThrow().deadline())
                .isEqualTo(restart.plus(Duration.ofHours(1)).plus(GRACE));
        assertThat(after.status("due-later").orElseThrow().deadline())
                .isEqualTo(T0.plus(Duration.ofHours(45)).plus(GRACE));
    }

    @Test
    void sitesWithoutAnIntervalOfTheirOwnTakeTheNewDefaultAfterARestart() throws IOException {
        SupervisionEngine before = new SupervisionEngine(CONFIG, clock);
        before.register("default");
        before.register("own", Duration.ofMinutes(5));
        Path file = dir.resolve("supervision.snapshot");
        SupervisionSnapshot.write(before, file);

        SupervisionEngine after = SupervisionSnapshot.read(file, CONFIG.withDefaultInterval(Duration.ofMinutes(3)), clock);

        assertThat(after.status("default").orElseThrow().interval()).isEqualTo(Duration.ofMinutes(3));
        assertThat(after.status("own").orElseThrow().interval()).isEqualTo(Duration.ofMinutes(5));
    }

    private byte[] snapshotOfManySites(int sites) throws IOException {
        SupervisionEngine engine = new SupervisionEngine(CONFIG, clock);
        for (int i = 0; i < sites; i++) {
            engine.register(id(i), Duration.ofSeconds(30 + i));
            engine.heartbeat(id(i), T0);
        }
        engine.advance(T0.plusSeconds(50));
        Path file = dir.resolve("good");
        SupervisionSnapshot.write(engine, file);
        return Files.readAllBytes(file);
    }

    private List<Missed> runUntil(SupervisionEngine engine, Instant end) {
        List<Missed> missed = new ArrayList<>();
        while (clock.instant().isBefore(end)) {
            missed.addAll(engine.advance(clock.advance(Duration.ofMillis(250))));
        }
        return missed;
    }

    private static String id(int i) {
        return String.format("site-%07d", i);
    }
}
