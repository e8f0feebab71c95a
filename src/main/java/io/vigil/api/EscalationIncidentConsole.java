package io.vigil.api;

import io.vigil.automation.site.SiteRecord;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.automation.site.ZoneKey;
import io.vigil.escalation.EscalationException;
import io.vigil.escalation.IncidentDetails;
import io.vigil.escalation.IncidentEventView;
import io.vigil.escalation.IncidentNote;
import io.vigil.escalation.IncidentQuery;
import io.vigil.escalation.IncidentService;
import io.vigil.escalation.IncidentState;
import io.vigil.escalation.IncidentView;
import io.vigil.escalation.OperatorOutcome;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The operator API's incident port on the escalation stage's {@link IncidentService}. Translates the
 * API's words for states and acts (open, claimed; claim) to the service's (new, in_progress; start
 * work); a service that cannot reach the database answers {@link IncidentConsole.Unavailable} (503).
 */
public final class EscalationIncidentConsole implements IncidentConsole {

    private final IncidentService incidents;
    private final SiteRecordStore records;
    private final java.util.function.Function<String, Optional<io.vigil.supervision.SiteStatus>> supervision;

    /** {@code records}: where events' zones are described; null shows zones without descriptions. */
    public EscalationIncidentConsole(IncidentService incidents, SiteRecordStore records) {
        this(incidents, records, site -> Optional.empty());
    }

    /** {@code supervision}: a site's state in this node's heartbeat supervision (empty: not supervised). */
    public EscalationIncidentConsole(IncidentService incidents, SiteRecordStore records,
                                     java.util.function.Function<String, Optional<io.vigil.supervision.SiteStatus>> supervision) {
        this.incidents = incidents;
        this.records = records;
        this.supervision = supervision;
    }

    @Override
    public Supervision supervision(String siteId) {
        return supervision.apply(siteId).map(s -> new Supervision(siteId, true, s.interval().toSeconds(), s.lastHeartbeat().orElse(null),
                s.deadline(), s.inFailure())).orElseGet(() -> IncidentConsole.super.supervision(siteId));
    }

    @Override
    public List<Summary> queue(QueueFilter filter) {
        Set<IncidentState> states = filter.states().isEmpty()
                ? EnumSet.complementOf(EnumSet.of(IncidentState.CLOSED))
                : filter.states().stream().map(EscalationIncidentConsole::state).collect(Collectors.toCollection(
                        () -> EnumSet.noneOf(IncidentState.class)));
        IncidentQuery query = new IncidentQuery(states, filter.siteId(), filter.categories(), filter.priorities(),
                filter.limit(), filter.held() ? IncidentQuery.Held.ONLY : IncidentQuery.Held.EXCLUDE);
        // who claimed an incident is the operator of its last "in_progress" note: read for the claimed ones only
        return call(() -> incidents.queue(query)).stream().map(v -> v.state() == IncidentState.IN_PROGRESS
                ? call(() -> incidents.incident(v.id())).map(d -> detail(d, Map.of()).incident()).orElse(summary(v, null))
                : summary(v, null)).toList();
    }

    @Override
    public Optional<Detail> detail(String incidentId) {
        Optional<UUID> id = uuid(incidentId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return call(() -> incidents.incident(id.get())).map(details -> detail(details,
                records == null ? Map.of() : records.zonesByKey(details.incident().siteId())));
    }

    @Override
    public Outcome act(String incidentId, Action action, String operatorId, String note) {
        Optional<UUID> id = uuid(incidentId);
        if (id.isEmpty()) {
            return new Outcome.NotFound();
        }
        OperatorOutcome outcome = call(() -> switch (action) {
            case ACKNOWLEDGE -> incidents.acknowledge(id.get(), operatorId, note);
            case CLAIM -> incidents.startWork(id.get(), operatorId, note);
            case RESOLVE -> incidents.resolve(id.get(), operatorId, note);
            case CLOSE -> incidents.close(id.get(), operatorId, note);
        });
        return outcome(outcome);
    }

    @Override
    public Outcome addNote(String incidentId, String operatorId, String note) {
        Optional<UUID> id = uuid(incidentId);
        return id.isEmpty() ? new Outcome.NotFound() : outcome(call(() -> incidents.addNote(id.get(), operatorId, note)));
    }

    private static Outcome outcome(OperatorOutcome outcome) {
        if (outcome instanceof OperatorOutcome.Done done) {
            return new Outcome.Done(summary(done.incident(), null));
        }
        if (outcome instanceof OperatorOutcome.Noted noted) {
            return new Outcome.Done(summary(noted.incident(), null));
        }
        if (outcome instanceof OperatorOutcome.NotAllowed notAllowed) {
            return new Outcome.Refused("the incident is " + state(notAllowed.state()).wireName() + " and cannot become "
                    + state(notAllowed.requested()).wireName());
        }
        if (outcome instanceof OperatorOutcome.Invalid invalid) {
            return new Outcome.Refused(invalid.reason());
        }
        return new Outcome.NotFound();
    }

    private static Detail detail(IncidentDetails details, Map<String, SiteRecord.Zone> zones) {
        List<Note> notes = details.notes().stream().map(EscalationIncidentConsole::note).toList();
        // who claimed it: the operator of the last "in_progress" change
        String claimedBy = details.incident().state() == IncidentState.IN_PROGRESS
                ? details.notes().stream().filter(n -> "in_progress".equals(n.change())).reduce((a, b) -> b)
                        .map(IncidentNote::operatorId).orElse(null)
                : null;
        return new Detail(summary(details.incident(), claimedBy),
                details.events().stream().map(e -> event(e, zones)).toList(), notes);
    }

    private static Summary summary(IncidentView view, String claimedBy) {
        return new Summary(view.id().toString(), view.siteId(), view.category().wireName(), view.priority(),
                state(view.state()), view.title(), view.openedAt(), view.updatedAt(), claimedBy, view.eventCount(),
                view.escalationLevel(), view.nextEscalationAt());
    }

    private static Event event(IncidentEventView event, Map<String, SiteRecord.Zone> zones) {
        SiteRecord.Zone zone = event.zone() == null ? null : zones.get(ZoneKey.of(event.zone()));
        return new Event(event.eventId().toString(), event.eventClass(), event.category(), event.code(), event.zone(),
                event.area(), zone == null ? null : zone.description(), zone == null ? null : zone.zoneType(),
                zone == null ? null : zone.label(), event.priority(), event.description(), null, event.occurredAt(),
                event.receivedAt(), event.user(), event.deviceId());
    }

    private static Note note(IncidentNote note) {
        Action action = note.change() == null ? null : switch (note.change()) {
            case "acknowledged" -> Action.ACKNOWLEDGE;
            case "in_progress" -> Action.CLAIM;
            case "resolved" -> Action.RESOLVE;
            case "closed" -> Action.CLOSE;
            default -> null;
        };
        return new Note(note.operatorId(), action, note.note(), note.createdAt());
    }

    static State state(IncidentState state) {
        return switch (state) {
            case NEW -> State.OPEN;
            case ACKNOWLEDGED -> State.ACKNOWLEDGED;
            case IN_PROGRESS -> State.CLAIMED;
            case RESOLVED -> State.RESOLVED;
            case CLOSED -> State.CLOSED;
        };
    }

    static IncidentState state(State state) {
        return switch (state) {
            case OPEN -> IncidentState.NEW;
            case ACKNOWLEDGED -> IncidentState.ACKNOWLEDGED;
            case CLAIMED -> IncidentState.IN_PROGRESS;
            case RESOLVED -> IncidentState.RESOLVED;
            case CLOSED -> IncidentState.CLOSED;
        };
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (EscalationException e) {
            if (e.retriable()) {
                throw new Unavailable(e.getMessage(), e);
            }
            throw e;
        }
    }
}
