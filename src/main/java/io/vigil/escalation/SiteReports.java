package io.vigil.escalation;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the escalation intake hands the automation layer (docs/automation.md): open, close and test
 * reports for schedules and periodic-test supervision, and the incident signals of sites or zones
 * that are on test, which are kept away from incidents. Both calls return once what they stored is
 * durable (the batch's Kafka offsets are committed after the intake returns) and are replay-safe.
 */
public interface SiteReports {

    /** Reports of the event classes {@code open}, {@code close} and {@code test}. */
    void record(List<Signal> reports);

    /** The ids of those {@code incidentSignals} whose site or zone was on test at their time, stored as test traffic. */
    Set<UUID> divertOnTest(List<Signal> incidentSignals);
}
