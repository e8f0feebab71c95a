package io.vigil.api.routes;

import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.api.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The OpenAPI document and "who am I": any valid token may read them. */
public final class MetaRoutes {

    /** The hand-written OpenAPI 3.1 document; {@code OpenApiDocumentTest} keeps it in step with the routes. */
    public static final String OPENAPI_RESOURCE = "/io/vigil/api/openapi.json";

    private MetaRoutes() {}

    public static List<Route> routes() {
        byte[] document = openApiDocument();
        return List.of(
                Route.get("/api/openapi.json", null, request -> {
                    request.allowQuery();
                    return new Reply.Bytes("application/json", document);
                }),
                Route.get("/api/me", null, request -> {
                    request.allowQuery();
                    return Reply.ok(me(request.principal()));
                }));
    }

    public static byte[] openApiDocument() {
        try (InputStream in = MetaRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> me(Principal principal) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("principal", principal.name());
        me.put("role", principal.role().wireName());
        me.put("tokenId", principal.tokenId());
        me.put("expiresAt", principal.expiresAt());
        me.put("permissions", principal.role().permissions().stream()
                .map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
        return me;
    }
}
