package io.vigil.escalation;

import static io.vigil.escalation.Signals.alarm;
import static io.vigil.escalation.Signals.restore;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Correlation rules without a database: each step runs a batch against the incidents the previous
 * steps left, as the engine does between transactions.
 */
class CorrelatorTest {

    static final EscalationPolicy POLICY = EscalationPolicyLoader.load(Path.of("config/escalation-policy.yaml"));
    static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    private final Map<IncidentKey, Incident> open = new HashMap<>();
    private final Map<IncidentKey, Incident> finished = new HashMap<>();
    private final Map<RunawayBucket.Key, RunawayBucket> buckets = new HashMap<>();
    private final List<ChangeRecord> changes = new ArrayList<>();

    @Test
    void signalsOfTheSameSiteAndCategoryJoinOneIncidentAndOtherCategoriesOpenTheirOwn() {
        batch(T0, alarm("s1", EventCategory.BURGLARY, "001", T0), alarm("s1", EventCategory.BURGLARY, "001", T0.plusSeconds(5)));
        batch(T0.plusSeconds(60), alarm("s1", EventCategory.BURGLARY, "001", T0.plusSeconds(60)),
                alarm("s1", EventCategory.FIRE, "009", T0.plusSeconds(61)), alarm("s2", EventCategory.BURGLARY, "001", T0));

        Incident burglary = open.get(new IncidentKey("s1", EventCategory.BURGLARY));
        assertThat(burglary.eventCount).isEqualTo(3);
        assertThat(burglary.firstEventAt).isEqualTo(T0);
        assertThat(burglary.lastEventAt).isEqualTo(T0.plusSeconds(60));
        assertThat(burglary.title).isEqualTo("Burglary at s1");
        assertThat(open).hasSize(3);
        assertThat(open.get(new IncidentKey("s1", EventCategory.FIRE)).priority).as("policy priority").isEqualTo(1);
        assertThat(changesOf(burglary)).containsExactly(IncidentChange.OPENED, IncidentChange.EVENT_ATTACHED,
                IncidentChange.EVENT_ATTACHED);
    }

    @Test
    void aBurstOfSignalsIsOneEventAttachedChangePerBatch() {
        batch(T0, alarm("s1", EventCategory.BURGLARY, "001", T0));
        batch(T0.plusSeconds(1), alarm("s1", EventCategory.BURGLARY, "001", T0.plusSeconds(1)),
                alarm("s1", EventCategory.BURGLARY, "001", T0.plusSeconds(2)),
                alarm("s1", EventCategory.BURGLARY, "001", T0.plusSeconds(3)));

        Incident incident = open.get(new IncidentKey("s1", EventCategory.BURGLARY));
        assertThat(changesOf(incident)).containsExactly(IncidentChange.OPENED, IncidentChange.EVENT_ATTACHED);
        assertThat(changes.get(changes.size() - 1).incident().eventCount()).isEqualTo(4);
        assertThat(incident.version).isEqualTo(2);
    }

    @Test
    void restoresFinishIncidentsAsTheirCategoryPolicySays() {
        Instant t = T0.plusSeconds(30);
        batch(T0, alarm("s1", EventCategory.FIRE, "001", T0), alarm("s1", EventCategory.BURGLARY, "002", T0),
                alarm("s1", EventCategory.TECHNICAL, null, T0), alarm("s1", EventCategory.AC_LOSS, null, T0));
        batch(t, restore("s1", EventCategory.FIRE, "001", t), restore("s1", EventCategory.BURGLARY, "002", t),
                restore("s1", EventCategory.TECHNICAL, null, t), restore("s1", EventCategory.AC_LOSS, null, t));

        Incident fire = open.get(new IncidentKey("s1", EventCategory.FIRE));
        assertThat(fire.state).as("fire never finishes by a restore").isEqualTo(IncidentState.NEW);
        assertThat(fire.restoredAt).isEqualTo(t);
        assertThat(open.get(new IncidentKey("s1", EventCategory.BURGLARY)).state).isEqualTo(IncidentState.NEW);
        Incident technical = finished.get(new IncidentKey("s1", EventCategory.TECHNICAL));
        assertThat(technical.state).isEqualTo(IncidentState.RESOLVED);
        assertThat(technical.resolvedBy).isEqualTo("system");
        assertThat(technical.nextEscalationAt).isNull();
        assertThat(changesOf(technical)).endsWith(IncidentChange.AUTO_RESOLVED);
        Incident acLoss = finished.get(new IncidentKey("s1", EventCategory.AC_LOSS));
        assertThat(acLoss.state).isEqualTo(IncidentState.CLOSED);
        assertThat(changesOf(acLoss)).endsWith(IncidentChange.AUTO_RESOLVED, IncidentChange.CLOSED);
    }

    @Test
    void aRestoreOlderThanTheIncidentDoesNotFinishIt() {
        batch(T0, alarm("s1", EventCategory.TECHNICAL, null, T0));
        batch(T0.plusSeconds(1), restore("s1", EventCategory.TECHNICAL, null, T0.minusSeconds(10)));

        Incident technical = open.get(new IncidentKey("s1", EventCategory.TECHNICAL));
        assertThat(technical.state).isEqualTo(IncidentState.NEW);
        assertThat(technical.eventCount).as("not attached: it belongs to an earlier condition").isEqualTo(1);
    }

    @Test
    void aResolvedIncidentIsReopenedWithinTheCorrelationWindowAndNotAfterIt() {
        batch(T0, alarm("s1", EventCategory.TECHNICAL, null, T0));
        batch(T0.plusSeconds(10), restore("s1", EventCategory.TECHNICAL, null, T0.plusSeconds(10)));
        Incident first = finished.get(new IncidentKey("s1", EventCategory.TECHNICAL));

        Instant within = T0.plusSeconds(10).plus(POLICY.correlationWindow());
        batch(within, alarm("s1", EventCategory.TECHNICAL, null, within));
        assertThat(open.get(new IncidentKey("s1", EventCategory.TECHNICAL))).isSameAs(first);
        assertThat(first.state).isEqualTo(IncidentState.NEW);
        assertThat(first.nextEscalationAt).isNotNull();
        assertThat(changesOf(first)).contains(IncidentChange.REOPENED);

        Instant restoredAgain = within.plusSeconds(1);
        batch(restoredAgain, restore("s1", EventCategory.TECHNICAL, null, restoredAgain));
        Instant after = restoredAgain.plus(POLICY.correlationWindow()).plusSeconds(1);
        batch(after, alarm("s1", EventCategory.TECHNICAL, null, after));
        Incident second = open.get(new IncidentKey("s1", EventCategory.TECHNICAL));
        assertThat(second.id).isNotEqualTo(first.id);
        assertThat(first.state).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void twoIntrusionZonesWithinTheWindowConfirmAndRaiseThePriority() {
        batch(T0, alarm("s1", EventCategory.BURGLARY, "001", T0));
        Incident incident = open.get(new IncidentKey("s1", EventCategory.BURGLARY));
        assertThat(incident.priority).isEqualTo(2);
        Instant escalationBefore = incident.nextEscalationAt;

        batch(T0.plusSeconds(5), alarm("s1", EventCategory.BURGLARY, "001", T0.plusSeconds(5)));
        assertThat(incident.confirmed).as("the same zone again does not confirm").isFalse();

        Instant second = T0.plus(POLICY.confirmation().window());
        batch(second, alarm("s1", EventCategory.BURGLARY, "002", second));
        assertThat(incident.confirmed).isTrue();
        assertThat(incident.priority).isEqualTo(POLICY.confirmation().priority());
        assertThat(incident.nextEscalationAt).isBefore(second.plus(POLICY.timer(2).after()));
        assertThat(escalationBefore).isNotNull();
        assertThat(changesOf(incident)).contains(IncidentChange.CONFIRMED);
    }

    @Test
    void zonesFurtherApartThanTheWindowDoNotConfirm() {
        batch(T0, alarm("s1", EventCategory.BURGLARY, "001", T0));
        Instant late = T0.plus(POLICY.confirmation().window()).plusSeconds(1);
        batch(late, alarm("s1", EventCategory.BURGLARY, "002", late));

        Incident incident = open.get(new IncidentKey("s1", EventCategory.BURGLARY));
        assertThat(incident.confirmed).isFalse();
        assertThat(incident.zoneSeen).containsOnlyKeys("001", "002");
    }

    @Test
    void aRunawayZoneIsAttachedToItsIncidentInsteadOfOpeningNewOnes() {
        int burst = POLICY.runaway().burst();
        List<Signal> flood = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            flood.add(alarm("s1", EventCategory.BURGLARY, "007", T0.plusMillis(i)));
        }
        batch(T0, flood.toArray(Signal[]::new));
        Incident first = open.get(new IncidentKey("s1", EventCategory.BURGLARY));
        operatorCloses(first, T0.plusSeconds(30));

        // the zone keeps swinging after the operator closed its incident: no new incident per signal
        Instant t = T0.plusSeconds(31);
        batch(t, alarm("s1", EventCategory.BURGLARY, "007", t), alarm("s1", EventCategory.BURGLARY, "007", t.plusSeconds(1)));

        assertThat(open).doesNotContainKey(new IncidentKey("s1", EventCategory.BURGLARY));
        assertThat(first.state).isEqualTo(IncidentState.CLOSED);
        assertThat(first.runaway).isTrue();
        assertThat(first.eventCount).isEqualTo(burst + 2);
        assertThat(changesOf(first)).endsWith(IncidentChange.RUNAWAY, IncidentChange.EVENT_ATTACHED);

        // once the bucket refilled, the zone opens an incident again
        Instant later = t.plus(POLICY.runaway().refillEvery()).plusSeconds(2);
        batch(later, alarm("s1", EventCategory.BURGLARY, "007", later));
        Incident second = open.get(new IncidentKey("s1", EventCategory.BURGLARY));
        assertThat(second.id).isNotEqualTo(first.id);
        assertThat(second.runaway).isFalse();
    }

    private void operatorCloses(Incident incident, Instant at) {
        IncidentWork work = new IncidentWork(POLICY, at);
        work.transition(incident, IncidentState.ACKNOWLEDGED, IncidentTransitions.By.OPERATOR, "op-1", "on it");
        work.transition(incident, IncidentState.RESOLVED, IncidentTransitions.By.OPERATOR, "op-1", "false alarm");
        work.transition(incident, IncidentState.CLOSED, IncidentTransitions.By.OPERATOR, "op-1", "closed");
        IncidentKey key = new IncidentKey(incident.siteId, incident.category);
        open.remove(key);
        finished.put(key, incident);
        changes.addAll(work.changes());
    }

    @Test
    void excessSignalsJoinAnOpenIncidentAndFlagIt() {
        int burst = POLICY.runaway().burst();
        List<Signal> flood = new ArrayList<>();
        for (int i = 0; i <= burst; i++) {
            flood.add(alarm("s1", EventCategory.BURGLARY, "003", T0.plusMillis(i)));
        }
        batch(T0, flood.toArray(Signal[]::new));

        Incident incident = open.get(new IncidentKey("s1", EventCategory.BURGLARY));
        assertThat(incident.runaway).isTrue();
        assertThat(incident.eventCount).isEqualTo(burst + 1);
        assertThat(changesOf(incident)).containsExactly(IncidentChange.OPENED, IncidentChange.EVENT_ATTACHED,
                IncidentChange.RUNAWAY);
    }

    @Test
    void supervisionMissesOpenACommsIncidentThatTheRestoringHeartbeatResolves() {
        Instant deadline = T0;
        batch(T0, Signal.heartbeatMissed("s1", deadline, POLICY.supervisionPriority()));
        Incident comms = open.get(new IncidentKey("s1", EventCategory.COMMS));
        assertThat(comms.title).isEqualTo("Communications failure at s1");
        assertThat(comms.supervisionMissedAt).isEqualTo(deadline);
        assertThat(comms.priority).isEqualTo(POLICY.supervisionPriority());

        batch(T0.plusSeconds(40), Signal.heartbeatRestored("s1", deadline, T0.plusSeconds(40)));
        assertThat(comms.state).isEqualTo(IncidentState.RESOLVED);
        assertThat(comms.supervisionMissedAt).isNull();
        assertThat(changesOf(comms)).containsExactly(IncidentChange.OPENED, IncidentChange.AUTO_RESOLVED);
    }

    @Test
    void openingIdsAreDeterministicFromSiteCategoryAndTheOpeningSignal() {
        Signal signal = alarm("s1", EventCategory.BURGLARY, "001", T0);
        batch(T0, signal);

        assertThat(open.get(new IncidentKey("s1", EventCategory.BURGLARY)).id)
                .isEqualTo(NameUuids.incident("s1", "burglary", signal.eventId()));
        assertThat(changes.get(0).changeId()).isEqualTo(NameUuids.change(changes.get(0).incident().id(), 1));
        assertThat(Signals.event("s1", EventClass.OPEN, EventCategory.ARMING, null, T0, 5).eventClass())
                .isEqualTo(EventClass.OPEN);
    }

    /** One transaction: correlate, then keep what the store would have written. */
    private void batch(Instant now, Signal... signals) {
        IncidentWork work = new IncidentWork(POLICY, now);
        Correlator correlator = new Correlator(work, open, finished, buckets);
        for (Signal signal : signals) {
            correlator.apply(signal);
        }
        for (Incident incident : work.dirtyIncidents()) {
            IncidentKey key = new IncidentKey(incident.siteId, incident.category);
            if (incident.state.isOpen()) {
                open.put(key, incident);
                if (finished.get(key) == incident) {
                    finished.remove(key);
                }
            } else {
                if (open.get(key) == incident) {
                    open.remove(key);
                }
                Incident latest = finished.get(key);
                if (latest == null || !latest.lastEventAt.isAfter(incident.lastEventAt)) {
                    finished.put(key, incident);
                }
            }
        }
        buckets.putAll(correlator.touchedBuckets());
        changes.addAll(work.changes());
    }

    private List<IncidentChange> changesOf(Incident incident) {
        return changes.stream().filter(c -> c.incident().id().equals(incident.id)).map(ChangeRecord::change).toList();
    }

}
