package io.vigil.automation.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.automation.AutomationException;
import io.vigil.automation.Jdbc;
import io.vigil.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Action plans in PostgreSQL (V31). */
public final class PlanStore {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {};

    /** What storing a plan did. */
    public sealed interface Stored {
        record Done(ActionPlan plan) implements Stored {}

        /** Another plan holds the category (for the centre, or for that site). */
        record Taken(String reason) implements Stored {}

        record NoSuchSite() implements Stored {}
    }

    private final DataSource dataSource;

    public PlanStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates or replaces the plan {@code plan.id()} (checked by {@link PlanRules}). */
    public Stored put(ActionPlan plan, String actor, Instant now) {
        try {
            return Jdbc.inTransaction(dataSource, "cannot store the plan", c -> {
                if (plan.siteId() != null && !exists(c, "SELECT 1 FROM sites WHERE id = ?", plan.siteId())) {
                    return new Stored.NoSuchSite();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO action_plans (id, category, site_id, name,"
                        + " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " category = EXCLUDED.category, site_id = EXCLUDED.site_id, name = EXCLUDED.name,"
                        + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")) {
                    s.setString(1, plan.id());
                    s.setString(2, plan.category());
                    s.setString(3, plan.siteId());
                    s.setString(4, plan.name());
                    s.setTimestamp(5, Timestamp.from(now));
                    s.setString(6, actor);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM action_plan_steps WHERE plan_id = ?")) {
                    s.setString(1, plan.id());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO action_plan_steps (plan_id, position, step_type,"
                        + " instruction, mandatory, params) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                    for (ActionPlan.Step step : plan.steps()) {
                        s.setString(1, plan.id());
                        s.setInt(2, step.position());
                        s.setString(3, step.type());
                        s.setString(4, step.instruction());
                        s.setBoolean(5, step.mandatory());
                        s.setString(6, json(step.params()));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return new Stored.Done(new ActionPlan(plan.id(), plan.category(), plan.siteId(), plan.name(), plan.steps(),
                        now, actor));
            });
        } catch (AutomationException e) {
            if (e.getCause() instanceof SQLException sql && SqlErrors.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return new Stored.Taken("another plan is the " + (plan.siteId() == null ? "centre's" : "site's") + " plan for "
                        + plan.category() + "; change that one");
            }
            throw e;
        }
    }

    public List<ActionPlan> list() {
        return Jdbc.inTransaction(dataSource, "cannot read the plans", c -> plans(c, null, null, false));
    }

    /** The plan incidents of this site and category are worked with: the site's, else the centre's. */
    static Optional<ActionPlan> planFor(Connection c, String siteId, String category) throws SQLException {
        List<ActionPlan> found = plans(c, siteId, category, true);
        return found.stream().filter(p -> p.siteId() != null).findFirst().or(() -> found.stream().findFirst());
    }

    private static List<ActionPlan> plans(Connection c, String siteId, String category, boolean forIncident)
            throws SQLException {
        String where = forIncident ? " WHERE p.category = ? AND (p.site_id IS NULL OR p.site_id = ?)" : "";
        List<ActionPlan> plans = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT p.id, p.category, p.site_id, p.name, p.updated_at, p.updated_by"
                + " FROM action_plans p" + where + " ORDER BY p.category, p.site_id NULLS FIRST, p.id")) {
            if (forIncident) {
                s.setString(1, category);
                s.setString(2, siteId);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plans.add(new ActionPlan(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), List.of(),
                            rs.getTimestamp(5).toInstant(), rs.getString(6)));
                }
            }
        }
        List<ActionPlan> withSteps = new ArrayList<>();
        for (ActionPlan plan : plans) {
            withSteps.add(new ActionPlan(plan.id(), plan.category(), plan.siteId(), plan.name(), steps(c, plan.id()),
                    plan.updatedAt(), plan.updatedBy()));
        }
        return withSteps;
    }

    private static List<ActionPlan.Step> steps(Connection c, String planId) throws SQLException {
        List<ActionPlan.Step> steps = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT position, step_type, instruction, mandatory, params::text"
                + " FROM action_plan_steps WHERE plan_id = ? ORDER BY position")) {
            s.setString(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    steps.add(new ActionPlan.Step(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            params(rs.getString(5))));
                }
            }
        }
        return steps;
    }

    static boolean exists(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan steps are always serialisable", e);
        }
    }

    static Map<String, Object> params(String json) {
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan parameters are not JSON", e);
        }
    }
}
