package io.vigil.escalation;

import java.util.List;

/**
 * Where the escalation intake hands open and close reports (event classes {@code open} and
 * {@code close}) for schedule checks (docs/automation.md, "Open/close schedules"). Returns once they
 * are durable, because the batch's Kafka offsets are committed after the intake returns; must be
 * replay-safe (the same event twice is stored once).
 */
@FunctionalInterface
public interface OpenCloseReports {

    void record(List<Signal> reports);
}
