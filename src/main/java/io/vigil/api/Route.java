package io.vigil.api;

import io.vigil.api.auth.Permission;
import java.util.Objects;

/**
 * One operation of the API: method, path, the permission it needs ({@code null}: any valid token),
 * and its handler. POST and PUT routes change state: they are audited, and so is a refused attempt.
 */
public record Route(String method, PathTemplate path, Permission permission, Handler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route get(String path, Permission permission, Handler handler) {
        return new Route("GET", PathTemplate.parse(path), permission, handler);
    }

    public static Route post(String path, Permission permission, Handler handler) {
        return new Route("POST", PathTemplate.parse(path), permission, handler);
    }

    public static Route put(String path, Permission permission, Handler handler) {
        return new Route("PUT", PathTemplate.parse(path), permission, handler);
    }

    public boolean changesState() {
        return !method.equals("GET");
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(ApiRequest request) throws Exception;
    }
}
