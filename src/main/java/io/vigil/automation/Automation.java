package io.vigil.automation;

import io.vigil.automation.disaster.DisasterModes;
import io.vigil.automation.mail.Mailer;
import io.vigil.automation.plan.IncidentPlans;
import io.vigil.automation.plan.PlanNotifier;
import io.vigil.automation.plan.PlanStore;
import io.vigil.automation.schedule.ScheduleStore;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.automation.sitetest.SiteTestStore;
import java.time.Clock;
import javax.sql.DataSource;

/** The automation layer's services on one pool (docs/automation.md), as the API uses them. */
public record Automation(SiteRecordStore records, PlanStore plans, IncidentPlans incidentPlans, PlanNotifier notifier,
                         ScheduleStore schedules, SiteTestStore tests, DisasterModes disasters, Clock clock) {

    public static Automation on(DataSource dataSource, Mailer mailer, Clock clock) {
        SiteRecordStore records = new SiteRecordStore(dataSource);
        IncidentPlans incidentPlans = new IncidentPlans(dataSource, clock);
        return new Automation(records, new PlanStore(dataSource), incidentPlans,
                new PlanNotifier(incidentPlans, records, mailer), new ScheduleStore(dataSource),
                new SiteTestStore(dataSource), new DisasterModes(dataSource), clock);
    }
}
