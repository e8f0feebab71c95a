package io.vigil.escalation;

import java.util.List;
import java.util.Optional;

/**
 * The one place that says which state changes are allowed, and by whom. Operators follow
 * new -> acknowledged -> in_progress -> resolved -> closed (acknowledged may go straight to
 * resolved); the system may resolve an open incident on a restore (auto_resolved), close a
 * resolved one (auto_close policy) and reopen a resolved one within the correlation window.
 * Nothing leaves closed.
 */
public final class IncidentTransitions {

    /** Who asks for a change. */
    public enum By { OPERATOR, SYSTEM }

    private record Move(IncidentState from, IncidentState to, By by, IncidentChange change) {}

    private static final List<Move> MOVES = List.of(
            new Move(IncidentState.NEW, IncidentState.ACKNOWLEDGED, By.OPERATOR, IncidentChange.ACKNOWLEDGED),
            new Move(IncidentState.ACKNOWLEDGED, IncidentState.IN_PROGRESS, By.OPERATOR, IncidentChange.IN_PROGRESS),
            new Move(IncidentState.ACKNOWLEDGED, IncidentState.RESOLVED, By.OPERATOR, IncidentChange.RESOLVED),
            new Move(IncidentState.IN_PROGRESS, IncidentState.RESOLVED, By.OPERATOR, IncidentChange.RESOLVED),
            new Move(IncidentState.RESOLVED, IncidentState.CLOSED, By.OPERATOR, IncidentChange.CLOSED),
            new Move(IncidentState.NEW, IncidentState.RESOLVED, By.SYSTEM, IncidentChange.AUTO_RESOLVED),
            new Move(IncidentState.ACKNOWLEDGED, IncidentState.RESOLVED, By.SYSTEM, IncidentChange.AUTO_RESOLVED),
            new Move(IncidentState.IN_PROGRESS, IncidentState.RESOLVED, By.SYSTEM, IncidentChange.AUTO_RESOLVED),
            new Move(IncidentState.RESOLVED, IncidentState.CLOSED, By.SYSTEM, IncidentChange.CLOSED),
            new Move(IncidentState.RESOLVED, IncidentState.NEW, By.SYSTEM, IncidentChange.REOPENED));

    private IncidentTransitions() {}

    /** The change recorded for moving {@code from} to {@code to}, or empty if {@code by} may not do it. */
    public static Optional<IncidentChange> change(IncidentState from, IncidentState to, By by) {
        return MOVES.stream().filter(m -> m.from == from && m.to == to && m.by == by).map(Move::change).findFirst();
    }

    public static boolean allowed(IncidentState from, IncidentState to, By by) {
        return change(from, to, by).isPresent();
    }
}
