package io.vigil.escalation;

import io.vigil.supervision.SupervisionService;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.EventClass;
import io.vigil.db.SqlErrors;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One batch of canonical events from {@code events.alarm}, {@code events.heartbeat} and
 * {@code events.security}: every event is a sign of life for supervision (EN 50136: any valid
 * message resets the timer); the events that concern incidents are correlated in one transaction.
 * Returns only when everything the batch caused is committed, so the caller may then commit the
 * Kafka offsets.
 */
public final class EscalationIntake {

    private final IncidentEngine incidents;
    private final SupervisionService supervision;
    private final Duration restoreTimeout;
    private final SiteReports siteReports;

    /** @param supervision null when heartbeat supervision is off */
    public EscalationIntake(IncidentEngine incidents, SupervisionService supervision, Duration restoreTimeout) {
        this(incidents, supervision, restoreTimeout, null);
    }

    /** @param siteReports where open, close and test reports go, and what decides which sites are on test; null: none */
    public EscalationIntake(IncidentEngine incidents, SupervisionService supervision, Duration restoreTimeout,
                            SiteReports siteReports) {
        this.incidents = incidents;
        this.supervision = supervision;
        this.restoreTimeout = restoreTimeout;
        this.siteReports = siteReports;
    }

    public IncidentEngine.Outcome accept(List<CanonicalEvent> events) {
        List<Signal> signals = new ArrayList<>(events.size());
        List<CompletableFuture<Void>> restores = new ArrayList<>();
        List<Signal> reports = new ArrayList<>();
        Map<String, Instant> lastSeen = new HashMap<>();
        for (CanonicalEvent event : events) {
            Signal signal = Signal.of(event);
            if (signal.eventClass() == EventClass.OPEN || signal.eventClass() == EventClass.CLOSE
                    || signal.eventClass() == EventClass.TEST) {
                reports.add(signal);
            }
            if (supervision != null) {
                Optional<CompletableFuture<Void>> restore = supervision.heartbeat(signal.siteId(), signal.at());
                restore.ifPresent(restores::add);
                lastSeen.merge(signal.siteId(), signal.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
            if (incidents.concernsIncidents(signal)) {
                signals.add(signal);
            }
        }
        if (siteReports != null) {
            if (!reports.isEmpty()) {
                siteReports.record(reports);
            }
            if (!signals.isEmpty()) {
                java.util.Set<java.util.UUID> onTest = siteReports.divertOnTest(signals);
                signals.removeIf(s -> onTest.contains(s.eventId()));
            }
        }
        IncidentEngine.Outcome outcome = incidents.process(signals);
        awaitRestores(restores);
        shareSignsOfLife(lastSeen);
        return new IncidentEngine.Outcome(events.size(), outcome.replayed(), events.size() - signals.size(),
                outcome.linked(), outcome.changes());
    }

    private void shareSignsOfLife(Map<String, Instant> lastSeen) {
        if (supervision == null) {
            return;
        }
        try {
            supervision.share(lastSeen);
        } catch (SQLException e) {
            // the batch is retried and its offsets stay uncommitted: no other node may miss these
            throw new EscalationException("cannot share signs of life: " + e.getMessage(), e, SqlErrors.retriable(e));
        }
    }

    private void awaitRestores(List<CompletableFuture<Void>> restores) {
        if (restores.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(restores.toArray(CompletableFuture[]::new))
                    .get(restoreTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EscalationException("interrupted while restoring supervised sites", e, true);
        } catch (ExecutionException | TimeoutException e) {
            // the writer keeps retrying; the batch is retried meanwhile and its offsets stay uncommitted
            throw new EscalationException("supervision restores not yet written", e, true);
        }
    }
}
