package io.vigil.automation;

import io.vigil.automation.schedule.ScheduleStore;
import io.vigil.automation.sitetest.SiteTestStore;
import io.vigil.escalation.SiteReports;
import io.vigil.escalation.Signal;
import io.vigil.normalize.EventClass;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The escalation intake's reports into schedules, periodic tests and on-test mode (docs/automation.md). */
public final class AutomationReports implements SiteReports {

    private final ScheduleStore schedules;
    private final SiteTestStore tests;

    public AutomationReports(ScheduleStore schedules, SiteTestStore tests) {
        this.schedules = schedules;
        this.tests = tests;
    }

    @Override
    public void record(List<Signal> reports) {
        List<Signal> openClose = reports.stream().filter(r -> r.eventClass() != EventClass.TEST).toList();
        if (!openClose.isEmpty()) {
            schedules.record(openClose);
        }
        tests.recordTests(reports.stream().filter(r -> r.eventClass() == EventClass.TEST).toList());
    }

    @Override
    public Set<UUID> divertOnTest(List<Signal> incidentSignals) {
        return tests.divert(incidentSignals.stream().filter(s -> s.source() == Signal.Source.EVENT).toList());
    }
}
