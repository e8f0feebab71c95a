package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.VigilProperties;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document describes exactly the routes the server registers, with their permissions. */
class OpenApiDocumentTest {

    static final List<Route> ROUTES = ApiRoutes.all(ApiConfig.from(VigilProperties.of(Map.of())),
            new ApiServer.Services(null, null, null, 1000, null, null, null, null));
    static final JsonNode DOC = OpenApiSchemas.DOCUMENT;

    @Test
    void itIsOpenApi31() {
        assertThat(DOC.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(DOC.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(DOC.get("security").get(0).has("bearer")).isTrue();
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() {
        Map<String, String> registered = new TreeMap<>();
        ROUTES.forEach(r -> registered.put(r.method() + " " + r.path(), permission(r)));
        Map<String, String> documented = new TreeMap<>();
        DOC.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                documented.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        op.getValue().get("x-vigil-permission").isNull() ? "any"
                                : op.getValue().get("x-vigil-permission").asText())));

        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void everyOperationDocumentsItsPathParametersAndTheAuthenticationFailure() {
        for (Route route : ROUTES) {
            JsonNode op = DOC.get("paths").get(route.path().toString()).get(route.method().toLowerCase(Locale.ROOT));
            String what = route.method() + " " + route.path();
            assertThat(op.at("/responses/401").isMissingNode()).as(what).isFalse();
            assertThat(op.at("/responses/403").isMissingNode()).as(what).isEqualTo(route.permission() == null);
            List<String> params = new ArrayList<>();
            op.path("parameters").forEach(p -> {
                if (p.get("in").asText().equals("path")) {
                    params.add(p.get("name").asText());
                }
            });
            assertThat(params).as(what).isEqualTo(route.path().parameterNames());
            assertThat(op.get("operationId").asText()).as(what).isNotBlank();
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(DOC, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(DOC.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void theSchemasRejectWhatTheyShould() throws Exception {
        JsonNode bad = OpenApiSchemas.JSON.readTree("{\"type\":\"urn:vigil:problem:x\",\"title\":\"t\",\"status\":\"400\"}");
        assertThat(OpenApiSchemas.violations("Problem", bad)).isNotEmpty();
        JsonNode extra = OpenApiSchemas.JSON.readTree("{\"type\":\"t\",\"title\":\"t\",\"status\":400,\"stack\":\"...\"}");
        assertThat(OpenApiSchemas.violations("Problem", extra)).isNotEmpty();
        JsonNode good = OpenApiSchemas.JSON.readTree(ApiHandler.problemBody(ApiJson.mapper(), Problem.notFound("x"), "abc"));
        assertThat(OpenApiSchemas.violations("Problem", good)).isEmpty();
    }

    private static String permission(Route route) {
        return route.permission() == null ? "any" : route.permission().name().toLowerCase(Locale.ROOT);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
