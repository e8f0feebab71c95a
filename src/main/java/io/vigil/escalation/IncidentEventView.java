package io.vigil.escalation;

import java.time.Instant;
import java.util.UUID;

/** One signal attached to an incident, for the operator console. {@code source}: event or supervision. */
public record IncidentEventView(UUID eventId, String eventClass, String category, String qualifier, String code,
                                String zone, String area, String user, int priority, String description,
                                String deviceId, Instant occurredAt, Instant receivedAt, Instant attachedAt,
                                String source, boolean excess) {}
