package io.vigil.escalation;

import io.vigil.db.WriteFence;
import io.vigil.escalation.policy.EscalationPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/**
 * The stored escalation timers: claims unacknowledged incidents whose {@code next_escalation_at}
 * has passed ({@code FOR UPDATE SKIP LOCKED}, so several receivers share the work and nobody waits
 * for a row an operator is acknowledging), raises each one level and schedules the next step.
 * Timers live in the incidents table, so they survive restarts; "now" is the injected clock. In a
 * cluster only the singleton's holder runs them, and each transaction passes its fence first
 * (docs/cluster.md), so a holder that lost its lease escalates nothing.
 */
public final class EscalationTimers {

    private final DataSource dataSource;
    private final EscalationPolicy policy;
    private final Clock clock;
    private final int batchSize;
    private final IncidentStore store = new IncidentStore();
    private final WriteFence fence;

    public EscalationTimers(DataSource dataSource, EscalationPolicy policy, Clock clock, int batchSize) {
        this(dataSource, policy, clock, batchSize, WriteFence.NONE);
    }

    public EscalationTimers(DataSource dataSource, EscalationPolicy policy, Clock clock, int batchSize, WriteFence fence) {
        this.fence = fence;
        this.dataSource = dataSource;
        this.policy = policy;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Escalates every incident that is due now, in transactions of at most the batch size; returns how many. */
    public int escalateDue() {
        int total = 0;
        while (true) {
            int done = escalateBatch();
            total += done;
            if (done < batchSize) {
                return total;
            }
        }
    }

    private int escalateBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Transactions.inTransaction(dataSource, "cannot escalate incidents", c -> {
            fence.check(c);
            List<Incident> due = store.claimDue(c, now, batchSize);
            if (due.isEmpty()) {
                return 0;
            }
            IncidentWork work = new IncidentWork(policy, now);
            due.forEach(work::escalate);
            store.write(c, work, List.of());
            return due.size();
        });
    }
}
