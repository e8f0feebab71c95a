package io.vigil.automation.plan;

import io.vigil.automation.Jdbc;
import io.vigil.automation.mail.Mailer;
import io.vigil.automation.site.SiteRecord;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.automation.site.ZoneKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code notify_email} step (docs/automation.md, "E-mail"): mails the site's contacts of the
 * step's roles that are reached by e-mail, then records {@code email_sent} or {@code email_failed}.
 * Site text goes into the body only; the subject is the step's (checked on one line) or built from
 * the category and the site id.
 */
public final class PlanNotifier {

    /** What a notify did. */
    public sealed interface Notified {
        record Sent(IncidentPlan plan) implements Notified {}

        /** The server refused; {@code email_failed} is recorded. */
        record Failed(IncidentPlan plan, String kind) implements Notified {}

        record NotFound() implements Notified {}

        record Refused(String reason) implements Notified {}

        /** No SMTP server is configured; nothing recorded. */
        record NoMailer() implements Notified {}
    }

    private record IncidentFacts(String siteId, String category, int priority, Instant openedAt, List<String> zones) {}

    private final IncidentPlans plans;
    private final SiteRecordStore records;
    private final Mailer mailer;

    public PlanNotifier(IncidentPlans plans, SiteRecordStore records, Mailer mailer) {
        this.plans = plans;
        this.records = records;
        this.mailer = mailer;
    }

    public Notified notify(UUID incidentId, int position, String operatorId) {
        Optional<IncidentPlan> plan = plans.plan(incidentId);
        if (plan.isEmpty()) {
            return new Notified.NotFound();
        }
        IncidentPlan.StepState step = plan.get().step(position);
        if (step == null || !step.type().equals(StepType.NOTIFY_EMAIL.wireName())) {
            return new Notified.Refused("step " + position + " of the incident's plan is not a notify_email step");
        }
        if (!mailer.available()) {
            return new Notified.NoMailer();
        }
        IncidentFacts incident = facts(incidentId);
        SiteRecord.Set site = records.load(incident.siteId()).map(SiteRecordStore.Loaded::records)
                .orElseThrow(() -> new IllegalStateException("the incident's site is not registered"));
        @SuppressWarnings("unchecked")
        List<String> roles = (List<String>) step.params().getOrDefault("roles", List.of("keyholder"));
        List<String> to = site.contacts().stream()
                .filter(c -> roles.contains(c.role()) && c.means().contains("email") && c.email() != null)
                .map(SiteRecord.Contact::email).distinct().toList();
        if (to.isEmpty()) {
            return new Notified.Refused("no contact of the site with the roles " + String.join(", ", roles)
                    + " is reached by e-mail");
        }
        String subject = step.params().get("subject") instanceof String s ? s + " - " + incident.siteId()
                : "Vigil: " + incident.category() + " at " + incident.siteId() + " (priority " + incident.priority() + ")";
        Mailer.Sent sent = mailer.send(to, subject, body(incidentId, incident, site, step));
        IncidentPlans.NewOutcome outcome = sent instanceof Mailer.Sent.Failed failed
                ? new IncidentPlans.NewOutcome("email_failed", null, null, "not sent: " + failed.kind())
                : new IncidentPlans.NewOutcome("email_sent", null, to.size() + " recipient(s)", "to " + String.join(", ", to));
        IncidentPlans.Recorded recorded = plans.record(incidentId, position, StepType.NOTIFY_EMAIL, outcome, operatorId,
                IncidentPlans.Source.MAILER);
        if (!(recorded instanceof IncidentPlans.Recorded.Done done)) {
            return new Notified.Refused("the outcome could not be recorded: " + recorded);
        }
        return sent instanceof Mailer.Sent.Failed failed ? new Notified.Failed(done.plan(), failed.kind())
                : new Notified.Sent(done.plan());
    }

    private static String body(UUID incidentId, IncidentFacts incident, SiteRecord.Set site, IncidentPlan.StepState step) {
        Map<String, SiteRecord.Zone> zones = site.zones().stream()
                .collect(Collectors.toMap(z -> ZoneKey.of(z.zone()), z -> z, (a, b) -> a));
        List<String> lines = new ArrayList<>();
        lines.add("Incident " + incidentId + " at site " + incident.siteId());
        lines.add("Category: " + incident.category() + ", priority " + incident.priority());
        lines.add("Opened: " + incident.openedAt());
        if (site.basics().address() != null) {
            lines.add("Address: " + site.basics().address().replace("\n", ", "));
        }
        for (String zone : incident.zones()) {
            SiteRecord.Zone record = zones.get(ZoneKey.of(zone));
            lines.add(record == null ? "Zone " + zone : record.label());
        }
        lines.add("");
        lines.add(step.instruction());
        return String.join("\n", lines) + "\n";
    }

    private IncidentFacts facts(UUID incidentId) {
        return Jdbc.inTransaction(records.dataSource(), "cannot read the incident", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT site_id, category, priority, opened_at, zones FROM incidents WHERE id = ?")) {
                s.setObject(1, incidentId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new IncidentFacts(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
                            Arrays.asList((String[]) rs.getArray(5).getArray()));
                }
            }
        });
    }
}
