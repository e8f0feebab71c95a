package io.vigil.ops;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * The SOC feeds that are switched on: each has delivered since it last had to retry. Not critical:
 * a sink that is down holds only its own offsets (docs/feeds.md), so the receiver stays ready and
 * the alert {@code VigilFeedFailing} pages instead.
 */
final class FeedsCheck implements HealthCheck {

    private final CamelContext camel;
    private final StageEvents stages;

    FeedsCheck(CamelContext camel, StageEvents stages) {
        this.camel = camel;
        this.stages = stages;
    }

    @Override
    public String name() {
        return "feeds";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public Health check() {
        List<String> feeds = camel.getRoutes().stream().map(Route::getRouteId).filter(id -> id.startsWith("feed-"))
                .filter(id -> camel.getRouteController().getRouteStatus(id).isStarted()).sorted().toList();
        if (feeds.isEmpty()) {
            return Health.up("no feed enabled");
        }
        String failing = feeds.stream().filter(id -> stages.stage(id).troubled()).collect(Collectors.joining(", "));
        return failing.isEmpty() ? Health.up("delivering: " + String.join(", ", feeds)) : Health.down("retrying: " + failing);
    }
}
