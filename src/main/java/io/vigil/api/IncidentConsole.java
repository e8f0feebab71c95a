package io.vigil.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The port the operator API needs from the incident service (the escalation stage): the queue, an
 * incident's detail, and the operator's acts on it. The API checks who may call what, validates
 * input and audits every act as {@code operator.action}; an implementation checks whether the act
 * is allowed in the incident's current state and records it with the operator and the note.
 *
 * <p>Every text argument is caller input: it travels as a bound parameter and is stored and returned
 * verbatim. Notes have been checked to be 1-2000 characters of storable text (no NUL, no unpaired
 * surrogate).
 */
public interface IncidentConsole {

    /** Incident ids: 1-128 of letters, digits, {@code . _ -}, starting with a letter or digit. */
    Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * The queue: incidents whose state is in {@code filter.states()} (all but {@link State#CLOSED}
     * when empty) and that match the other non-empty filters; ordered by priority (1 first), then by
     * age (oldest {@code openedAt} first), then by id; at most {@code filter.limit()}.
     */
    List<Summary> queue(QueueFilter filter);

    /** The incident with its events and notes, oldest first; empty when there is no such incident. */
    Optional<Detail> detail(String incidentId);

    /** Acknowledge, claim, resolve or close, with the operator's note. */
    Outcome act(String incidentId, Action action, String operatorId, String note);

    /** A note on the incident, without a change of state. */
    Outcome addNote(String incidentId, String operatorId, String note);

    /** Where an incident is in its handling. */
    enum State {
        OPEN, ACKNOWLEDGED, CLAIMED, RESOLVED, CLOSED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State parse(String text) {
            for (State state : values()) {
                if (state.wireName().equals(text)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("state must be one of open, acknowledged, claimed, resolved, closed");
        }
    }

    /** What an operator does to an incident. */
    enum Action {
        ACKNOWLEDGE, CLAIM, RESOLVE, CLOSE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param states     empty: every state but closed
     * @param siteId     null: any site
     * @param categories empty: any category (wire names of docs/events.md, e.g. {@code fire})
     * @param priorities empty: any priority 1..5
     * @param limit      1..500
     * @param held       false: the operators' queue, without incidents a disaster mode holds; true: only those
     */
    record QueueFilter(Set<State> states, String siteId, Set<String> categories, Set<Integer> priorities, int limit,
                       boolean held) {
        public QueueFilter(Set<State> states, String siteId, Set<String> categories, Set<Integer> priorities, int limit) {
            this(states, siteId, categories, priorities, limit, false);
        }

        public QueueFilter {
            states = Set.copyOf(states);
            categories = Set.copyOf(categories);
            priorities = Set.copyOf(priorities);
        }
    }

    /**
     * An incident as the queue shows it. Nullable: {@code claimedBy}, {@code title}, {@code nextEscalationAt}
     * (no timer running: acknowledged, or past the last step).
     */
    record Summary(String id, String siteId, String category, int priority, State state, String title,
                   Instant openedAt, Instant updatedAt, String claimedBy, int eventCount, int escalationLevel,
                   Instant nextEscalationAt) {}

    /**
     * One event that belongs to the incident (canonical event fields, docs/events.md), with its zone
     * as the site's records describe it (docs/automation.md); the zone fields are null where unknown.
     * Nullable too: {@code code}, {@code text}, {@code area}, {@code user}, {@code deviceId}.
     */
    record Event(String eventId, String eventClass, String category, String code, String zone, String area,
                 String zoneDescription, String zoneType, String zoneLabel, int priority, String description,
                 String text, Instant occurredAt, Instant receivedAt, String user, String deviceId) {}

    /** A note, either on its own ({@code action} null) or the note of an act. */
    record Note(String operatorId, Action action, String text, Instant at) {}

    record Detail(Summary incident, List<Event> events, List<Note> notes) {}

    /**
     * A site's heartbeat supervision as this node's engine sees it (docs/supervision.md):
     * {@code supervised} false for a site the engine does not know (or supervision is off).
     */
    record Supervision(String siteId, boolean supervised, Long intervalSeconds, java.time.Instant lastHeartbeat,
                       java.time.Instant deadline, boolean inFailure) {}

    /** The site's supervision state; not supervised where the receiver has no supervision. */
    default Supervision supervision(String siteId) {
        return new Supervision(siteId, false, null, null, null, false);
    }

    /** What became of an act or a note. */
    sealed interface Outcome {
        /** Done; the incident as it is now. */
        record Done(Summary incident) implements Outcome {}

        /** No such incident. */
        record NotFound() implements Outcome {}

        /**
         * Not allowed now, e.g. resolving a closed incident or claiming one another operator holds;
         * {@code reason} is shown to the operator.
         */
        record Refused(String reason) implements Outcome {}
    }

    /** Until the incident service is wired in: every call fails with {@link Unavailable} (HTTP 503). */
    IncidentConsole UNAVAILABLE = new IncidentConsole() {
        @Override
        public List<Summary> queue(QueueFilter filter) {
            throw new Unavailable();
        }

        @Override
        public Optional<Detail> detail(String incidentId) {
            throw new Unavailable();
        }

        @Override
        public Outcome act(String incidentId, Action action, String operatorId, String note) {
            throw new Unavailable();
        }

        @Override
        public Outcome addNote(String incidentId, String operatorId, String note) {
            throw new Unavailable();
        }
    };

    /** The incident service cannot answer now (not wired, database down); the API answers 503. */
    final class Unavailable extends RuntimeException {
        public Unavailable() {
            super("the incident service is not available");
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
