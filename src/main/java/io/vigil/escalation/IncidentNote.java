package io.vigil.escalation;

import java.time.Instant;

/** An operator's note; {@code change} is the operator change it came with, or null. */
public record IncidentNote(long id, String operatorId, String change, String note, Instant createdAt) {}
