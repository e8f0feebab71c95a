package io.vigil.automation.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.automation.Jdbc;
import io.vigil.automation.site.RecordRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Incidents worked through their plans: the plan is attached (copied) the first time an incident's
 * plan is looked at or acted on, outcomes are appended, and the open mandatory steps decide whether
 * the incident may be closed without an override (docs/automation.md, "The close rule").
 */
public final class IncidentPlans {

    private static final TypeReference<List<ActionPlan.Step>> STEPS = new TypeReference<>() {};

    /** Who records an outcome: password and e-mail outcomes come only from the server's own check and send. */
    public enum Source { OPERATOR, PASSWORD_CHECK, MAILER }

    /** An outcome to record; {@code contact} is a call order of the site's contacts. */
    public record NewOutcome(String outcome, Integer contact, String reference, String note) {}

    /** What recording an outcome did. */
    public sealed interface Recorded {
        record Done(IncidentPlan plan, IncidentPlan.StepState step) implements Recorded {}

        record NotFound() implements Recorded {}

        /** The outcome is not possible: wrong for the step, missing a contact or reference, ... */
        record Refused(String reason) implements Recorded {}
    }

    private final DataSource dataSource;
    private final Clock clock;

    public IncidentPlans(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The incident's plan with its outcomes; empty when there is no such incident. */
    public Optional<IncidentPlan> plan(UUID incidentId) {
        return Jdbc.inTransaction(dataSource, "cannot read the incident's plan", c -> {
            if (!attach(c, incidentId)) {
                return Optional.empty();
            }
            return Optional.of(load(c, incidentId));
        });
    }

    /** Mandatory steps without a completing outcome (attaching the plan if nobody looked yet). */
    public Optional<List<Integer>> openMandatorySteps(UUID incidentId) {
        return plan(incidentId).map(IncidentPlan::openMandatorySteps);
    }

    /** Records an outcome on step {@code position}; the first step of type {@code type} when position is null. */
    public Recorded record(UUID incidentId, Integer position, StepType type, NewOutcome outcome, String operatorId,
                           Source source) {
        return Jdbc.inTransaction(dataSource, "cannot record the step outcome", c -> {
            if (!attach(c, incidentId)) {
                return new Recorded.NotFound();
            }
            lock(c, incidentId);
            IncidentPlan plan = load(c, incidentId);
            IncidentPlan.StepState step = position != null ? plan.step(position)
                    : plan.steps().stream().filter(s -> s.type().equals(type.wireName())).findFirst().orElse(null);
            if (step == null) {
                return position == null ? new Recorded.Refused("the incident's plan has no " + type.wireName() + " step")
                        : new Recorded.Refused("the incident's plan has no step " + position);
            }
            Optional<String> refused = refusal(c, plan, step, outcome, source);
            if (refused.isPresent()) {
                return new Recorded.Refused(refused.get());
            }
            insert(c, incidentId, step.position(), outcome, operatorId, clock.instant().truncatedTo(ChronoUnit.MICROS));
            IncidentPlan after = load(c, incidentId);
            return new Recorded.Done(after, after.step(step.position()));
        });
    }

    private static Optional<String> refusal(Connection c, IncidentPlan plan, IncidentPlan.StepState step,
                                            NewOutcome outcome, Source source) throws SQLException {
        StepType type = StepType.parse(step.type());
        String name = outcome.outcome();
        if (name == null || !type.allows(name)) {
            return Optional.of("a " + type.wireName() + " step takes the outcomes " + String.join(", ",
                    new java.util.TreeSet<>(type.outcomes())));
        }
        boolean serverOnly = name.startsWith("password_") || name.equals("duress_given") || name.startsWith("email_");
        if (serverOnly && source == Source.OPERATOR) {
            return Optional.of(name + " is recorded by the server itself: use "
                    + (name.startsWith("email_") ? ":notify" : "the site's :verify-password"));
        }
        boolean call = name.equals("answered") || name.equals("no_answer") || name.equals("message_left");
        if (call) {
            if (outcome.contact() == null) {
                return Optional.of(name + " needs the contact's call order");
            }
            if (!contactExists(c, plan.siteId(), outcome.contact())) {
                return Optional.of("the site has no contact " + outcome.contact());
            }
        } else if (outcome.contact() != null) {
            return Optional.of(name + " names no contact");
        }
        if (name.equals("dispatched") && outcome.reference() == null) {
            return Optional.of("dispatched needs the agency's or guard's reference");
        }
        if (name.equals("cancelled_by_keyholder") && plan.steps().stream().flatMap(s -> s.outcomes().stream())
                .noneMatch(o -> o.outcome().equals("password_verified"))) {
            return Optional.of("a key-holder may cancel only after their password was verified on this incident");
        }
        try {
            RecordRules.text("reference", outcome.reference(), 0, 100);
            RecordRules.text("note", outcome.note(), 0, 2000);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    private static boolean contactExists(Connection c, String siteId, int callOrder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM site_contacts WHERE site_id = ? AND call_order = ?")) {
            s.setString(1, siteId);
            s.setInt(2, callOrder);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Copies the plan that applies now onto the incident, once; false when there is no such incident. */
    private boolean attach(Connection c, UUID incidentId) throws SQLException {
        String siteId;
        String category;
        try (PreparedStatement s = c.prepareStatement("SELECT site_id, category FROM incidents WHERE id = ?")) {
            s.setObject(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                siteId = rs.getString(1);
                category = rs.getString(2);
            }
        }
        if (PlanStore.exists(c, "SELECT 1 FROM incident_plans WHERE incident_id = ?", incidentId)) {
            return true;
        }
        Optional<ActionPlan> plan = PlanStore.planFor(c, siteId, category);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO incident_plans (incident_id, plan_id, plan_name, steps,"
                + " attached_at) VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT (incident_id) DO NOTHING")) {
            s.setObject(1, incidentId);
            s.setString(2, plan.map(ActionPlan::id).orElse(null));
            s.setString(3, plan.map(ActionPlan::name).orElse(null));
            s.setString(4, PlanStore.json(plan.map(ActionPlan::steps).orElse(List.of())));
            s.setTimestamp(5, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)));
            s.executeUpdate();
        }
        return true;
    }

    private static void lock(Connection c, UUID incidentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM incident_plans WHERE incident_id = ? FOR UPDATE")) {
            s.setObject(1, incidentId);
            s.executeQuery().close();
        }
    }

    private static IncidentPlan load(Connection c, UUID incidentId) throws SQLException {
        String siteId;
        String category;
        String planId;
        String planName;
        Instant attachedAt;
        List<ActionPlan.Step> steps;
        try (PreparedStatement s = c.prepareStatement("SELECT i.site_id, i.category, p.plan_id, p.plan_name, p.steps::text,"
                + " p.attached_at FROM incident_plans p JOIN incidents i ON i.id = p.incident_id WHERE p.incident_id = ?")) {
            s.setObject(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                siteId = rs.getString(1);
                category = rs.getString(2);
                planId = rs.getString(3);
                planName = rs.getString(4);
                steps = PlanStore.JSON.readValue(rs.getString(5), STEPS);
                attachedAt = rs.getTimestamp(6).toInstant();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the incident's plan copy is not JSON", e);
            }
        }
        List<List<IncidentPlan.Outcome>> outcomes = new ArrayList<>();
        steps.forEach(step -> outcomes.add(new ArrayList<>()));
        try (PreparedStatement s = c.prepareStatement("SELECT position, outcome, contact, reference, note, operator_id,"
                + " recorded_at FROM incident_step_outcomes WHERE incident_id = ? ORDER BY id")) {
            s.setObject(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int position = rs.getInt(1);
                    if (position >= 1 && position <= steps.size()) {
                        outcomes.get(position - 1).add(new IncidentPlan.Outcome(rs.getString(2),
                                rs.getObject(3, Integer.class), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getTimestamp(7).toInstant()));
                    }
                }
            }
        }
        List<IncidentPlan.StepState> states = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        boolean duress = false;
        for (int i = 0; i < steps.size(); i++) {
            ActionPlan.Step step = steps.get(i);
            StepType type = step.stepType();
            List<IncidentPlan.Outcome> done = List.copyOf(outcomes.get(i));
            boolean completed = done.stream().anyMatch(o -> type.completes(o.outcome()));
            duress |= done.stream().anyMatch(o -> o.outcome().equals("duress_given"));
            if (step.mandatory() && !completed) {
                open.add(step.position());
            }
            states.add(new IncidentPlan.StepState(step.position(), step.type(), step.instruction(), step.mandatory(),
                    step.params(), completed, done));
        }
        return new IncidentPlan(incidentId.toString(), siteId, category, planId, planName, attachedAt, List.copyOf(states),
                List.copyOf(open), duress);
    }

    private static void insert(Connection c, UUID incidentId, int position, NewOutcome outcome, String operatorId,
                               Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO incident_step_outcomes (incident_id, position, outcome,"
                + " contact, reference, note, operator_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, incidentId);
            s.setInt(2, position);
            s.setString(3, outcome.outcome());
            if (outcome.contact() == null) {
                s.setNull(4, Types.INTEGER);
            } else {
                s.setInt(4, outcome.contact());
            }
            s.setString(5, outcome.reference());
            s.setString(6, outcome.note());
            s.setString(7, operatorId);
            s.setTimestamp(8, Timestamp.from(now));
            s.executeUpdate();
        }
    }
}
