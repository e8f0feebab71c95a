package io.vigil.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The engine against a plain map that states the rules directly, over random operation sequences. */
class SupervisionEngineModelTest {

    private static final long GRACE = 1_000;
    private static final long[] INTERVALS = {1_000, 2_000, 5_000, 60_000};
    private static final String[] SITES = {"s0", "s1", "s2", "s3", "s4", "s5"};

    private enum Kind { REGISTER, REGISTER_OWN_INTERVAL, HEARTBEAT, UNREGISTER, ADVANCE }

    record Operation(Kind kind, int site, int parameter) {
    }

    /** What the rules say a site's state is. */
    private static final class ModelSite {
        long interval;
        long lastHeartbeat = SupervisionEngine.NEVER;
        long deadline;
        boolean inFailure;
    }

    @Property(tries = 300)
    void agreesWithTheRules(@ForAll("operations") List<Operation> operations) {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        SupervisionEngine engine = new SupervisionEngine(SupervisionConfig.DEFAULTS
                .withDefaultInterval(Duration.ofMillis(INTERVALS[0])).withGrace(Duration.ofMillis(GRACE)), clock);
        Map<String, ModelSite> model = new HashMap<>();

        for (Operation operation : operations) {
            String site = SITES[operation.site()];
            long now = clock.millis();
            ModelSite known = model.get(site);
            switch (operation.kind()) {
                case REGISTER, REGISTER_OWN_INTERVAL -> {
                    long interval = operation.kind() == Kind.REGISTER ? INTERVALS[0] : INTERVALS[operation.parameter() % INTERVALS.length];
                    boolean added = operation.kind() == Kind.REGISTER
                            ? engine.register(site) : engine.register(site, Duration.ofMillis(interval));
                    assertThat(added).isEqualTo(known == null);
                    if (known == null) {
                        ModelSite created = new ModelSite();
                        created.interval = interval;
                        created.deadline = now + interval + GRACE;
                        model.put(site, created);
                    } else {
                        if (!known.inFailure) {
                            known.deadline += interval - known.interval;
                        }
                        known.interval = interval;
                    }
                }
                case HEARTBEAT -> {
                    long at = now - 10_000 + operation.parameter();
                    HeartbeatOutcome outcome = engine.heartbeat(site, Instant.ofEpochMilli(at));
                    assertThat(outcome).isEqualTo(expectedHeartbeat(known, site, Math.min(at, now), now));
                }
                case UNREGISTER -> {
                    assertThat(engine.unregister(site)).isEqualTo(known != null);
                    model.remove(site);
                }
                case ADVANCE -> {
                    Instant later = clock.advance(Duration.ofMillis(DeadlineWheel.TICK_MILLIS + operation.parameter()));
                    long passed = Math.floorDiv(later.toEpochMilli(), DeadlineWheel.TICK_MILLIS) * DeadlineWheel.TICK_MILLIS;
                    TreeSet<String> due = new TreeSet<>();
                    model.forEach((id, state) -> {
                        if (!state.inFailure && state.deadline < passed) {
                            due.add(id);
                            state.inFailure = true;
                        }
                    });
                    List<Missed> missed = engine.advance(later);
                    assertThat(missed).extracting(Missed::siteId).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(due);
                    missed.forEach(m -> assertThat(m.deadline().toEpochMilli()).isEqualTo(model.get(m.siteId()).deadline));
                }
            }
            model.forEach((id, state) -> assertThat(engine.status(id)).get()
                    .extracting(s -> s.deadline().toEpochMilli(), SiteStatus::inFailure, s -> s.interval().toMillis())
                    .containsExactly(state.deadline, state.inFailure, state.interval));
            assertThat(engine.stats().sites()).isEqualTo(model.size());
        }
    }

    private static HeartbeatOutcome expectedHeartbeat(ModelSite known, String site, long heard, long now) {
        if (known == null) {
            return new HeartbeatOutcome.Unknown(site);
        }
        known.lastHeartbeat = Math.max(known.lastHeartbeat, heard);
        long earned = known.lastHeartbeat + known.interval + GRACE;
        if (known.inFailure) {
            Instant missedSince = Instant.ofEpochMilli(known.deadline);
            if (earned <= now) {
                return new HeartbeatOutcome.Stale(site, missedSince, Instant.ofEpochMilli(heard));
            }
            known.inFailure = false;
            known.deadline = earned;
            return new HeartbeatOutcome.Restored(site, missedSince, Instant.ofEpochMilli(heard));
        }
        known.deadline = Math.max(known.deadline, earned);
        return new HeartbeatOutcome.Ok(site, Instant.ofEpochMilli(known.deadline));
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<Operation> operation = Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, SITES.length - 1),
                        Arbitraries.integers().between(0, 12_000))
                .as(Operation::new);
        return operation.list().ofMaxSize(300);
    }
}
