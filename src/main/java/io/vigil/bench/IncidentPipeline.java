package io.vigil.bench;

import io.vigil.db.DatabaseConfig;

/**
 * e, vigil_incidents: the whole receiver as shipped ({@code vigil run}) with the escalation stage, its
 * output counted in PostgreSQL: an alarm is in when its event is linked to an incident and committed.
 */
final class IncidentPipeline implements Pipeline {

    private final SignedAlarmPayload payload;

    IncidentPipeline(SignedAlarmPayload payload) {
        this.payload = payload;
    }

    @Override
    public Running start(BenchContext context, BenchTarget target) throws Exception {
        ChildProcess child = ChildProcesses.vigilIngest(context, target);
        IncidentReadBack readBack;
        try {
            readBack = new IncidentReadBack(DatabaseConfig.from(context.properties()),
                    context.properties().get("vigil.bench.site-prefix", "bench-"), payload, target.newCounter());
        } catch (Exception e) {
            child.terminate(ChildProcesses.STOP_GRACE);
            throw e;
        }
        return new Running(child.accounting(), readBack, () -> {
            try {
                readBack.close();
            } finally {
                child.terminate(ChildProcesses.STOP_GRACE);
                ChildProcesses.vigilTopics(target).forEach(context.topics()::delete);
            }
        });
    }
}
