package io.vigil.ops;

import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck.Result;
import org.apache.camel.health.HealthCheck.State;
import org.apache.camel.health.HealthCheckHelper;

/** Camel's own checks (context, routes, consumers) folded into one: down names the checks that are down. */
final class CamelCheck implements HealthCheck {

    private final CamelContext camel;
    private final boolean readiness;

    CamelCheck(CamelContext camel, boolean readiness) {
        this.camel = camel;
        this.readiness = readiness;
    }

    @Override
    public String name() {
        return "camel";
    }

    @Override
    public Health check() {
        Collection<Result> results = readiness ? HealthCheckHelper.invokeReadiness(camel) : HealthCheckHelper.invokeLiveness(camel);
        String down = results.stream().filter(r -> r.getState() == State.DOWN)
                .map(r -> r.getCheck().getId()).sorted().collect(Collectors.joining(", "));
        return down.isEmpty() ? Health.up(results.size() + " checks up") : Health.down("down: " + down);
    }
}
