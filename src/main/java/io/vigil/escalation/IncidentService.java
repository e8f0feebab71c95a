package io.vigil.escalation;

import io.vigil.escalation.policy.EscalationPolicy;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What the operator API calls: the open queue (priority, then age), one incident with its events
 * and notes, and the operator's changes, each with a mandatory note and the operator's id. Every
 * change commits together with its note and outbox record (so also its NOTIFY and incidents record).
 */
public final class IncidentService {

    public static final int MAX_NOTE_CHARS = 4000;
    public static final int MAX_QUEUE = 1000;
    public static final int MAX_EVENTS = 1000;
    private static final Pattern OPERATOR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");

    private final DataSource dataSource;
    private final EscalationPolicy policy;
    private final Clock clock;
    private final IncidentStore store = new IncidentStore();

    public IncidentService(DataSource dataSource, EscalationPolicy policy, Clock clock) {
        this.dataSource = dataSource;
        this.policy = policy;
        this.clock = clock;
    }

    /** Open incidents (new, acknowledged, in progress): priority 1 first, then the oldest. */
    public List<IncidentView> openQueue(int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_QUEUE));
        return Transactions.inTransaction(dataSource, "cannot read the incident queue", c -> store.openQueue(c, bounded));
    }

    /** Incidents as a console filters them (any states, site, categories, priorities), in queue order. */
    public List<IncidentView> queue(IncidentQuery query) {
        return Transactions.inTransaction(dataSource, "cannot read the incident queue", c -> store.queue(c, query));
    }

    /** A note on its own, without a change of state (the caller audits it as the operator's act). */
    public OperatorOutcome addNote(UUID incidentId, String operatorId, String note) {
        Optional<String> invalid = validate(operatorId, note);
        if (invalid.isPresent()) {
            return new OperatorOutcome.Invalid(invalid.get());
        }
        return Transactions.inTransaction(dataSource, "cannot add the note", c -> {
            Optional<IncidentView> incident = store.find(c, incidentId);
            if (incident.isEmpty()) {
                return new OperatorOutcome.NotFound();
            }
            store.insertNote(c, incidentId, operatorId, null, note.strip(), clock.instant().truncatedTo(ChronoUnit.MICROS));
            return new OperatorOutcome.Noted(incident.get());
        });
    }

    public Optional<IncidentDetails> incident(UUID incidentId) {
        return Transactions.inTransaction(dataSource, "cannot read the incident", c -> {
            Optional<IncidentView> incident = store.find(c, incidentId);
            if (incident.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new IncidentDetails(incident.get(), store.events(c, incidentId, MAX_EVENTS),
                    store.notes(c, incidentId)));
        });
    }

    public OperatorOutcome acknowledge(UUID incidentId, String operatorId, String note) {
        return change(incidentId, IncidentState.ACKNOWLEDGED, operatorId, note);
    }

    public OperatorOutcome startWork(UUID incidentId, String operatorId, String note) {
        return change(incidentId, IncidentState.IN_PROGRESS, operatorId, note);
    }

    public OperatorOutcome resolve(UUID incidentId, String operatorId, String note) {
        return change(incidentId, IncidentState.RESOLVED, operatorId, note);
    }

    public OperatorOutcome close(UUID incidentId, String operatorId, String note) {
        return change(incidentId, IncidentState.CLOSED, operatorId, note);
    }

    private OperatorOutcome change(UUID incidentId, IncidentState to, String operatorId, String note) {
        Optional<String> invalid = validate(operatorId, note);
        if (invalid.isPresent()) {
            return new OperatorOutcome.Invalid(invalid.get());
        }
        String trimmed = note.strip();
        return Transactions.inTransaction(dataSource, "cannot change the incident", c -> {
            Optional<Incident> locked = store.lock(c, incidentId);
            if (locked.isEmpty()) {
                return new OperatorOutcome.NotFound();
            }
            Incident incident = locked.get();
            IncidentWork work = new IncidentWork(policy, clock.instant().truncatedTo(ChronoUnit.MICROS));
            IncidentState from = incident.state;
            Optional<IncidentChange> change = work.transition(incident, to, IncidentTransitions.By.OPERATOR,
                    operatorId, trimmed);
            if (change.isEmpty()) {
                return new OperatorOutcome.NotAllowed(from, to);
            }
            store.write(c, work, List.of());
            store.insertNote(c, incidentId, operatorId, change.get(), trimmed, work.now());
            return new OperatorOutcome.Done(incident.view(), change.get());
        });
    }

    static Optional<String> validate(String operatorId, String note) {
        if (operatorId == null || !OPERATOR_ID.matcher(operatorId).matches()) {
            return Optional.of("operator id must be 1-128 letters, digits or . _ @ : -");
        }
        if (note == null || note.isBlank()) {
            return Optional.of("a note is required");
        }
        String trimmed = note.strip();
        if (trimmed.length() > MAX_NOTE_CHARS) {
            return Optional.of("a note has at most " + MAX_NOTE_CHARS + " characters");
        }
        if (trimmed.indexOf('\0') >= 0) {
            return Optional.of("a note cannot contain NUL characters");
        }
        return Optional.empty();
    }
}
