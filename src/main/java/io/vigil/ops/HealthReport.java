package io.vigil.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one round of checks: ready (or live) when every critical check is up. */
public record HealthReport(List<Result> results) {

    public record Result(String name, boolean critical, Health health) {}

    public boolean ok() {
        return results.stream().allMatch(r -> !r.critical() || r.health().up());
    }

    /** The JSON body of {@code /health/live} and {@code /health/ready}. */
    public Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok() ? "UP" : "DOWN");
        body.put("checks", results.stream().map(r -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", r.name());
            check.put("status", r.health().up() ? "UP" : "DOWN");
            check.put("critical", r.critical());
            check.put("detail", r.health().detail());
            return check;
        }).toList());
        return body;
    }
}
