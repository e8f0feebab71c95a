package io.vigil.automation;

import io.vigil.automation.plan.ActionPlan;
import io.vigil.automation.plan.PlanRules;
import io.vigil.automation.plan.PlanStore;
import io.vigil.automation.site.SiteRecord;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.automation.site.VerbalPasswords;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What {@code ./vigil demo} gives its sites so that a newcomer sees a complete incident
 * (docs/automation.md, "The demo"): records for the zones the demo traffic reports, two key-holders,
 * a password and a duress password, the police and a guard company; and the centre's plans for
 * burglary and fire. Only where nothing is stored yet: an operator's edits are kept.
 */
public final class DemoRecords {

    public static final String ACTOR = "demo";

    private DemoRecords() {}

    public static void seed(DataSource dataSource, List<String> siteIds, Clock clock) {
        SiteRecordStore records = new SiteRecordStore(dataSource);
        for (int i = 0; i < siteIds.size(); i++) {
            String site = siteIds.get(i);
            int n = i + 1;
            records.load(site).filter(loaded -> loaded.stamp() == null)
                    .ifPresent(empty -> records.replace(site, records(n), ACTOR, clock.instant()));
        }
        PlanStore plans = new PlanStore(dataSource);
        Set<String> existing = plans.list().stream().map(ActionPlan::id).collect(Collectors.toSet());
        for (ActionPlan plan : List.of(intrusion(), fire())) {
            if (!existing.contains(plan.id())) {
                plans.put(plan, ACTOR, clock.instant());
            }
        }
    }

    private static SiteRecord.Set records(int n) {
        return new SiteRecord.Set(
                new SiteRecord.Basics(n + " Demo Street\nExample Town", 51.5 + n / 100.0, -0.12, "Europe/London", "demo",
                        "Demo site " + n + ": alarm panel in the hall cupboard"),
                List.of(new SiteRecord.Area("1", "Ground floor")),
                List.of(new SiteRecord.Zone("1", "1", "front door", "entry_exit"),
                        new SiteRecord.Zone("3", "1", "kitchen smoke detector", "fire"),
                        new SiteRecord.Zone("15", "1", "rear door", "entry_exit"),
                        new SiteRecord.Zone("0", null, "control panel", "technical")),
                List.of(new SiteRecord.Contact(1, "Ann Keyholder", "keyholder", "+44 20 7946 0001", "ann@example.org",
                                "always", "phone,email"),
                        new SiteRecord.Contact(2, "Bob Keyholder", "keyholder", "+44 20 7946 0002", null,
                                "mon-fri 08:00-18:00", "phone")),
                List.of(new SiteRecord.StoredPassword("Ann Keyholder", VerbalPasswords.hash("blue heron"), false),
                        new SiteRecord.StoredPassword("Ann Keyholder (duress)", VerbalPasswords.hash("red kite"), true)),
                List.of(new SiteRecord.Agency("police", "Example Police", "101", "URN D-" + n),
                        new SiteRecord.Agency("guard", "Example Guarding", "+44 20 7946 0100", "G-" + n)));
    }

    private static ActionPlan intrusion() {
        return PlanRules.check("intrusion", "burglary", null, "Intruder alarm", List.of(
                new ActionPlan.Step(1, "instruction", "Look at the zones: one zone may be a fault, two zones confirm", false, Map.of()),
                new ActionPlan.Step(2, "call_list", "Call the key-holders in order until one answers", true,
                        Map.of("roles", List.of("keyholder"))),
                new ActionPlan.Step(3, "verify_password", "Ask who is calling and for the verbal password", true, Map.of()),
                new ActionPlan.Step(4, "dispatch", "Send the guard unless a key-holder cancels with the password", true,
                        Map.of("agency", "guard")),
                new ActionPlan.Step(5, "notify_email", "E-mail the key-holders what happened", false,
                        Map.of("roles", List.of("keyholder")))));
    }

    private static ActionPlan fire() {
        return PlanRules.check("fire", "fire", null, "Fire alarm", List.of(
                new ActionPlan.Step(1, "dispatch", "Call the fire service at once; give the address and zone", true,
                        Map.of("agency", "fire")),
                new ActionPlan.Step(2, "call_list", "Tell a key-holder", true, Map.of("roles", List.of("keyholder")))));
    }
}
