package io.vigil.escalation;

/** The result of an operator action. */
public sealed interface OperatorOutcome {

    /** The change was made and committed (with its note, outbox record and NOTIFY). */
    record Done(IncidentView incident, IncidentChange change) implements OperatorOutcome {}

    /** A plain note was added; the incident did not change. */
    record Noted(IncidentView incident) implements OperatorOutcome {}

    record NotFound() implements OperatorOutcome {}

    /** The incident's state does not allow this action (e.g. closing an unresolved incident). */
    record NotAllowed(IncidentState state, IncidentState requested) implements OperatorOutcome {}

    /** The request itself is unusable: no note, a note too long, a bad operator id. */
    record Invalid(String reason) implements OperatorOutcome {}
}
