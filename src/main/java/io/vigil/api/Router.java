package io.vigil.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Finds the route for a method and a decoded path: the most specific matching path, then the method. */
public final class Router {

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                if (routes.get(i).method().equals(routes.get(j).method()) && routes.get(i).path().equals(routes.get(j).path())) {
                    throw new IllegalArgumentException("route registered twice: " + routes.get(i).method() + " " + routes.get(i).path());
                }
            }
        }
    }

    public List<Route> routes() {
        return routes;
    }

    public sealed interface Match {
        record Found(Route route, Map<String, String> params) implements Match {}

        record NotFound() implements Match {}

        /** The path exists, the method does not: {@code allowed} goes into the {@code Allow} header. */
        record MethodNotAllowed(List<String> allowed) implements Match {}
    }

    public Match resolve(String method, List<String> segments) {
        PathTemplate best = null;
        for (Route route : routes) {
            if (route.path().match(segments).isPresent()
                    && (best == null || route.path().compareSpecificity(best) > 0)) {
                best = route.path();
            }
        }
        if (best == null) {
            return new Match.NotFound();
        }
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            if (route.path().equals(best)) {
                if (route.method().equals(method)) {
                    Optional<Map<String, String>> params = route.path().match(segments);
                    return new Match.Found(route, params.orElseThrow());
                }
                allowed.add(route.method());
            }
        }
        return new Match.MethodNotAllowed(List.copyOf(new TreeSet<>(allowed)));
    }
}
