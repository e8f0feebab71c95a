package io.vigil.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory incident service for the HTTP layer's tests: a plain state machine
 * (open → acknowledged → claimed → resolved → closed), notes kept verbatim, the filters it was asked
 * with recorded. The real service is the escalation stage's; this only stands in for it.
 */
final class FakeIncidentConsole implements IncidentConsole {

    private final Map<String, Summary> incidents = new ConcurrentHashMap<>();
    private final Map<String, List<Note>> notes = new ConcurrentHashMap<>();
    final List<QueueFilter> queries = new CopyOnWriteArrayList<>();
    volatile boolean unavailable;

    Summary add(String id, String site, String category, int priority, State state, Instant openedAt) {
        Summary s = new Summary(id, site, category, priority, state, "Incident " + id, openedAt, openedAt, null, 1, 0, null);
        incidents.put(id, s);
        notes.put(id, new CopyOnWriteArrayList<>());
        return s;
    }

    List<Note> notes(String id) {
        return notes.get(id);
    }

    @Override
    public List<Summary> queue(QueueFilter filter) {
        check();
        queries.add(filter);
        return incidents.values().stream()
                .filter(s -> filter.states().isEmpty() ? s.state() != State.CLOSED : filter.states().contains(s.state()))
                .filter(s -> filter.siteId() == null || filter.siteId().equals(s.siteId()))
                .filter(s -> filter.categories().isEmpty() || filter.categories().contains(s.category()))
                .filter(s -> filter.priorities().isEmpty() || filter.priorities().contains(s.priority()))
                .sorted(Comparator.comparingInt(Summary::priority).thenComparing(Summary::openedAt).thenComparing(Summary::id))
                .limit(filter.limit())
                .toList();
    }

    @Override
    public Optional<Detail> detail(String incidentId) {
        check();
        Summary s = incidents.get(incidentId);
        if (s == null) {
            return Optional.empty();
        }
        List<Event> events = List.of(new Event("ev-" + incidentId, "alarm", s.category(), "130", "3", null, null, null, null,
                s.priority(), "Burglary", null, s.openedAt(), s.openedAt(), null, null));
        return Optional.of(new Detail(s, events, List.copyOf(notes.get(incidentId))));
    }

    @Override
    public synchronized Outcome act(String incidentId, Action action, String operatorId, String note) {
        check();
        Summary s = incidents.get(incidentId);
        if (s == null) {
            return new Outcome.NotFound();
        }
        State next = switch (action) {
            case ACKNOWLEDGE -> s.state() == State.OPEN ? State.ACKNOWLEDGED : null;
            case CLAIM -> s.state() == State.OPEN || s.state() == State.ACKNOWLEDGED ? State.CLAIMED : null;
            case RESOLVE -> s.state() == State.CLAIMED && operatorId.equals(s.claimedBy()) ? State.RESOLVED : null;
            case CLOSE -> s.state() == State.RESOLVED ? State.CLOSED : null;
        };
        if (next == null) {
            return new Outcome.Refused("cannot " + action.wireName() + " an incident that is " + s.state().wireName()
                    + (s.claimedBy() == null ? "" : " by " + s.claimedBy()));
        }
        Summary changed = new Summary(s.id(), s.siteId(), s.category(), s.priority(), next, s.title(), s.openedAt(),
                Instant.now(), action == Action.CLAIM ? operatorId : s.claimedBy(), s.eventCount(), s.escalationLevel(),
                s.nextEscalationAt());
        incidents.put(incidentId, changed);
        notes.get(incidentId).add(new Note(operatorId, action, note, Instant.now()));
        return new Outcome.Done(changed);
    }

    @Override
    public Outcome addNote(String incidentId, String operatorId, String note) {
        check();
        Summary s = incidents.get(incidentId);
        if (s == null) {
            return new Outcome.NotFound();
        }
        notes.get(incidentId).add(new Note(operatorId, null, note, Instant.now()));
        return new Outcome.Done(s);
    }

    private void check() {
        if (unavailable) {
            throw new Unavailable();
        }
    }

    List<Note> allNotes() {
        List<Note> all = new ArrayList<>();
        notes.values().forEach(all::addAll);
        return all;
    }
}
