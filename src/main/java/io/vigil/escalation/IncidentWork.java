package io.vigil.escalation;

import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The changes one transaction makes to incidents: state moves (through {@link IncidentTransitions}),
 * escalation steps, priority raises; each recorded as a {@link ChangeRecord} with a version bump.
 * Consecutive {@code event_attached} changes of one incident in one transaction are folded into
 * the last, so a burst of 50 signals is one record, not 50. Pure: the store reads and writes.
 */
final class IncidentWork {

    private final EscalationPolicy policy;
    private final Instant now;
    private final Map<UUID, Incident> dirty = new LinkedHashMap<>();
    private final List<ChangeRecord> changes = new ArrayList<>();
    private final Map<UUID, Integer> lastChange = new HashMap<>();
    private final List<IncidentLink> links = new ArrayList<>();

    IncidentWork(EscalationPolicy policy, Instant now) {
        this.policy = policy;
        this.now = now;
    }

    EscalationPolicy policy() {
        return policy;
    }

    Instant now() {
        return now;
    }

    void touch(Incident incident) {
        dirty.put(incident.id, incident);
    }

    void link(Incident incident, Signal signal, boolean excess) {
        links.add(new IncidentLink(signal, incident.id, now, excess));
        touch(incident);
    }

    void record(Incident incident, IncidentChange change, String operatorId, String note) {
        touch(incident);
        incident.updatedAt = now;
        Integer last = lastChange.get(incident.id);
        if (change == IncidentChange.EVENT_ATTACHED && last != null
                && changes.get(last).change() == IncidentChange.EVENT_ATTACHED) {
            ChangeRecord folded = changes.get(last);
            changes.set(last, new ChangeRecord(folded.changeId(), change, now, null, null, incident.view()));
            return;
        }
        incident.version++;
        lastChange.put(incident.id, changes.size());
        changes.add(new ChangeRecord(NameUuids.change(incident.id, incident.version), change, now, operatorId, note,
                incident.view()));
    }

    /**
     * Moves an incident to {@code to} if {@code by} may; records the change.
     *
     * @return the change, or empty if the move is not allowed from the incident's state
     */
    Optional<IncidentChange> transition(Incident incident, IncidentState to, IncidentTransitions.By by,
                                        String operatorId, String note) {
        Optional<IncidentChange> change = IncidentTransitions.change(incident.state, to, by);
        if (change.isEmpty()) {
            return change;
        }
        String who = by == IncidentTransitions.By.OPERATOR ? operatorId : "system";
        switch (change.get()) {
            case ACKNOWLEDGED -> {
                incident.acknowledgedBy = who;
                incident.acknowledgedAt = now;
                incident.nextEscalationAt = null;
            }
            case IN_PROGRESS -> incident.nextEscalationAt = null;
            case RESOLVED, AUTO_RESOLVED -> {
                incident.resolvedBy = who;
                incident.resolvedAt = now;
                incident.nextEscalationAt = null;
            }
            case CLOSED -> {
                incident.closedBy = who;
                incident.closedAt = now;
                incident.nextEscalationAt = null;
            }
            case REOPENED -> {
                incident.resolvedBy = null;
                incident.resolvedAt = null;
                incident.restoredAt = null;
                incident.escalationLevel = 0;
                incident.nextEscalationAt = firstEscalation(incident.priority);
            }
            default -> throw new IllegalStateException("not a state change: " + change.get());
        }
        incident.state = to;
        record(incident, change.get(), by == IncidentTransitions.By.OPERATOR ? operatorId : null, note);
        return change;
    }

    /** One escalation step of an unacknowledged incident whose timer is due. */
    void escalate(Incident incident) {
        if (incident.state != IncidentState.NEW) {
            incident.nextEscalationAt = null; // acknowledged meanwhile: nothing to escalate
            touch(incident);
            return;
        }
        EscalationTimer timer = policy.timer(incident.priority);
        incident.escalationLevel++;
        incident.nextEscalationAt = incident.escalationLevel < timer.steps() ? now.plus(timer.after()) : null;
        record(incident, IncidentChange.ESCALATED, null, null);
    }

    /** Raises the priority (lower number); an unacknowledged incident's next step comes no later than the new priority's. */
    void raisePriority(Incident incident, int priority) {
        if (priority >= incident.priority) {
            return;
        }
        incident.priority = priority;
        if (incident.state == IncidentState.NEW) {
            EscalationTimer timer = policy.timer(priority);
            if (incident.escalationLevel < timer.steps()) {
                Instant sooner = now.plus(timer.after());
                if (incident.nextEscalationAt == null || sooner.isBefore(incident.nextEscalationAt)) {
                    incident.nextEscalationAt = sooner;
                }
            }
        }
        touch(incident);
    }

    Instant firstEscalation(int priority) {
        EscalationTimer timer = policy.timer(priority);
        return timer.steps() > 0 ? now.plus(timer.after()) : null;
    }

    List<Incident> dirtyIncidents() {
        return List.copyOf(dirty.values());
    }

    List<ChangeRecord> changes() {
        return List.copyOf(changes);
    }

    List<IncidentLink> links() {
        return List.copyOf(links);
    }

    boolean isEmpty() {
        return dirty.isEmpty() && links.isEmpty();
    }
}
