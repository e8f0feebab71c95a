package io.vigil.escalation;

import java.time.Instant;
import java.util.UUID;

/** A signal attached to an incident (a row of incident_events). */
record IncidentLink(Signal signal, UUID incidentId, Instant attachedAt, boolean excess) {}
