package io.vigil.feeds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One record a feed forwards: an incident change from the {@code incidents} topic or a security
 * event from {@code events.security}. {@link #id()} is the de-duplication key a SIEM can drop
 * repeats on (delivery is at least once).
 */
public sealed interface FeedRecord permits IncidentChange, SecurityEvent {

    /** {@code change_id} of an incident change, {@code event_id} of a security event. */
    String id();

    String siteId();

    /** When it happened: {@code changed_at} or {@code occurred_at}. */
    Instant time();

    /** 1 (highest) .. 5. */
    int priority();

    String category();

    /** {@code incident} or {@code security}. */
    String kind();

    /** The record as it was on the topic (parsed; re-serialised with Jackson, never copied as bytes). */
    ObjectNode json();
}
