package io.vigil.escalation;

import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.RestorePolicy;
import io.vigil.normalize.EventCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Applies signals, in order, to the incidents of their site and category (docs/escalation.md,
 * "Correlation"): an open incident takes every signal; a resolved one within the correlation window
 * is reopened; excess signals of a runaway zone are attached, never opened as new incidents;
 * restores finish incidents as their category's policy says; two zones within the confirmation
 * window confirm an intrusion. Works on the incidents the store locked for the batch; pure.
 */
final class Correlator {

    private final IncidentWork work;
    private final EscalationPolicy policy;
    private final Map<IncidentKey, Incident> open;
    private final Map<IncidentKey, Incident> finished;
    private final Map<RunawayBucket.Key, RunawayBucket> buckets;
    private final Map<RunawayBucket.Key, RunawayBucket> touchedBuckets = new HashMap<>();

    /**
     * @param open the open incident of each key of the batch (locked)
     * @param finished the latest resolved or closed incident of each key (locked)
     * @param buckets the runaway buckets of the batch's site zones
     */
    Correlator(IncidentWork work, Map<IncidentKey, Incident> open, Map<IncidentKey, Incident> finished,
               Map<RunawayBucket.Key, RunawayBucket> buckets) {
        this.work = work;
        this.policy = work.policy();
        this.open = new HashMap<>(open);
        this.finished = new HashMap<>(finished);
        this.buckets = new HashMap<>(buckets);
    }

    Map<RunawayBucket.Key, RunawayBucket> touchedBuckets() {
        return touchedBuckets;
    }

    void apply(Signal signal) {
        IncidentKey key = new IncidentKey(signal.siteId(), signal.category());
        if (signal.isRestore()) {
            restore(key, signal);
            return;
        }
        boolean excess = signal.source() == Signal.Source.EVENT && !takeToken(signal);
        Incident current = open.get(key);
        if (current != null) {
            attach(current, signal, excess);
            return;
        }
        Incident last = finished.get(key);
        if (last != null && excess) {
            attach(last, signal, true);
            return;
        }
        if (last != null && last.state == IncidentState.RESOLVED
                && !signal.at().isAfter(last.lastEventAt.plus(policy.correlationWindow()))) {
            work.transition(last, IncidentState.NEW, IncidentTransitions.By.SYSTEM, null, null);
            finished.remove(key);
            open.put(key, last);
            attach(last, signal, false);
            return;
        }
        openIncident(key, signal, excess);
    }

    private void openIncident(IncidentKey key, Signal signal, boolean excess) {
        Instant now = work.now();
        Incident incident = new Incident(NameUuids.incident(signal.siteId(), signal.category().wireName(), signal.eventId()),
                signal.siteId(), signal.category(), title(signal.category(), signal.siteId()), now);
        incident.priority = incidentPriority(signal);
        incident.state = IncidentState.NEW;
        incident.firstEventAt = signal.at();
        incident.lastEventAt = signal.at();
        incident.lastEventId = signal.eventId();
        incident.nextEscalationAt = work.firstEscalation(incident.priority);
        incident.runaway = excess;
        addSignal(incident, signal, excess);
        work.record(incident, IncidentChange.OPENED, null, null);
        open.put(key, incident);
    }

    private void attach(Incident incident, Signal signal, boolean excess) {
        addSignal(incident, signal, excess);
        work.raisePriority(incident, incidentPriority(signal));
        if (excess && !incident.runaway) {
            incident.runaway = true;
            work.record(incident, IncidentChange.RUNAWAY, null, null);
        } else {
            work.record(incident, IncidentChange.EVENT_ATTACHED, null, null);
        }
        confirm(incident, signal);
    }

    private void restore(IncidentKey key, Signal signal) {
        Incident incident = open.get(key);
        if (incident == null || signal.at().isBefore(incident.firstEventAt)) {
            return; // nothing open, or the restore belongs to an earlier condition
        }
        boolean current = !signal.at().isBefore(incident.lastEventAt);
        addSignal(incident, signal, false);
        if (signal.source() == Signal.Source.SUPERVISION) {
            incident.supervisionMissedAt = null;
        }
        if (!current) {
            work.record(incident, IncidentChange.EVENT_ATTACHED, null, null); // an older restore: the condition came back since
            return;
        }
        incident.restoredAt = signal.at();
        RestorePolicy restorePolicy = policy.restore(incident.category);
        if (restorePolicy == RestorePolicy.OPERATOR) {
            work.record(incident, IncidentChange.EVENT_ATTACHED, null, null);
            return;
        }
        work.transition(incident, IncidentState.RESOLVED, IncidentTransitions.By.SYSTEM, null, null);
        if (restorePolicy == RestorePolicy.AUTO_CLOSE) {
            work.transition(incident, IncidentState.CLOSED, IncidentTransitions.By.SYSTEM, null, null);
        }
        open.remove(key);
        finished.put(key, incident);
    }

    private void addSignal(Incident incident, Signal signal, boolean excess) {
        if (incident.eventCount > 0) {
            if (signal.at().isBefore(incident.firstEventAt)) {
                incident.firstEventAt = signal.at();
            }
            if (!signal.at().isBefore(incident.lastEventAt)) {
                incident.lastEventAt = signal.at();
                incident.lastEventId = signal.eventId();
            }
        }
        incident.eventCount++;
        if (!signal.isRestore()) {
            if (incident.restoredAt != null && !signal.at().isBefore(incident.restoredAt)) {
                incident.restoredAt = null; // the condition is back
            }
            if (signal.source() == Signal.Source.SUPERVISION && incident.supervisionMissedAt == null) {
                incident.supervisionMissedAt = signal.at();
            }
        }
        if (signal.zone() != null) {
            incident.seeZone(signal.zone(), signal.at());
        }
        work.link(incident, signal, excess);
    }

    private void confirm(Incident incident, Signal signal) {
        var confirmation = policy.confirmation();
        if (incident.confirmed || signal.zone() == null || !confirmation.applies(incident.category)) {
            return;
        }
        Duration window = confirmation.window();
        for (Map.Entry<String, Instant> seen : incident.zoneSeen.entrySet()) {
            if (!seen.getKey().equals(signal.zone())
                    && Duration.between(seen.getValue(), signal.at()).abs().compareTo(window) <= 0) {
                incident.confirmed = true;
                incident.confirmedAt = work.now();
                work.raisePriority(incident, confirmation.priority());
                work.record(incident, IncidentChange.CONFIRMED, null, null);
                return;
            }
        }
    }

    private boolean takeToken(Signal signal) {
        RunawayBucket.Key key = new RunawayBucket.Key(signal.siteId(), signal.bucketZone());
        RunawayBucket bucket = buckets.computeIfAbsent(key,
                k -> RunawayBucket.full(k.siteId(), k.zone(), policy.runaway(), signal.at()));
        touchedBuckets.put(key, bucket);
        return bucket.take(policy.runaway(), signal.at());
    }

    private int incidentPriority(Signal signal) {
        return signal.source() == Signal.Source.SUPERVISION
                ? policy.supervisionPriority() : policy.priority(signal.category(), signal.priority());
    }

    static String title(EventCategory category, String siteId) {
        String name = switch (category) {
            case COMMS -> "Communications failure";
            case AC_LOSS -> "AC power loss";
            case HOLDUP -> "Hold-up";
            default -> {
                String words = category.wireName().replace('_', ' ');
                yield words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
            }
        };
        return name + " at " + siteId;
    }
}
