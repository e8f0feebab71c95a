package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    static final Route.Handler NONE = request -> Reply.ok(Map.of());

    static final Router ROUTER = new Router(List.of(
            Route.get("/api/incidents", null, NONE),
            Route.get("/api/incidents/stream", null, NONE),
            Route.get("/api/incidents/{id}", null, NONE),
            Route.post("/api/incidents/{id}:claim", null, NONE),
            Route.post("/api/incidents/{id}/notes", null, NONE),
            Route.post("/api/sites/{id}/keys:rotate", null, NONE),
            Route.post("/api/sites/{id}/keys/{kid}:revoke", null, NONE)));

    static Router.Match resolve(String method, String path) {
        return ROUTER.resolve(method, ApiHandler.segments(path));
    }

    @Test
    void literalsBeatParametersAndSuffixedParametersBeatBareOnes() {
        assertThat(((Router.Match.Found) resolve("GET", "/api/incidents/stream")).route().path())
                .hasToString("/api/incidents/stream");
        var found = (Router.Match.Found) resolve("GET", "/api/incidents/inc-1");
        assertThat(found.params()).containsExactly(Map.entry("id", "inc-1"));
        var claim = (Router.Match.Found) resolve("POST", "/api/incidents/inc-1:claim");
        assertThat(claim.params()).containsExactly(Map.entry("id", "inc-1"));
    }

    @Test
    void aParameterWithASuffixTakesEverythingBeforeTheLastSuffix() {
        var revoke = (Router.Match.Found) resolve("POST", "/api/sites/s1/keys/a:b:revoke");
        assertThat(revoke.params()).containsExactly(Map.entry("id", "s1"), Map.entry("kid", "a:b"));
        assertThat(resolve("POST", "/api/sites/s1/keys/:revoke")).isInstanceOf(Router.Match.NotFound.class);
    }

    @Test
    void theRightPathWithTheWrongMethodListsTheAllowedOnes() {
        assertThat(resolve("GET", "/api/incidents/inc-1:claim"))
                .isEqualTo(new Router.Match.MethodNotAllowed(List.of("POST")));
        assertThat(resolve("DELETE", "/api/incidents")).isEqualTo(new Router.Match.MethodNotAllowed(List.of("GET")));
    }

    @Test
    void segmentsArePercentDecodedOneByOneSoAnEncodedSlashStaysInItsSegment() {
        assertThat(ApiHandler.segments("/api/incidents/a%2Fb")).containsExactly("api", "incidents", "a/b");
        assertThat(ApiHandler.segments("/api/incidents/caf%C3%A9")).containsExactly("api", "incidents", "café");
        assertThat(ApiHandler.decode("a+b%2Bc", true)).isEqualTo("a b+c");
        assertThat(ApiHandler.decode("a+b", false)).isEqualTo("a+b");
        assertThatThrownBy(() -> ApiHandler.decode("%E0%A4", false)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ApiHandler.decode("%zz", false)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ApiHandler.decode("%4", false)).isInstanceOf(ApiException.class);
    }

    @Test
    void unknownShapesAreNotFound() {
        for (String path : List.of("/", "/api", "/api/", "/api/incidents/", "/api/incidents/a/b", "/api//incidents", "api/incidents")) {
            assertThat(resolve("GET", path)).as(path).isInstanceOf(Router.Match.NotFound.class);
        }
    }

    @Test
    void aRouteCannotBeRegisteredTwice() {
        assertThatThrownBy(() -> new Router(List.of(Route.get("/a", null, NONE), Route.get("/a", null, NONE))))
                .hasMessageContaining("twice");
    }
}
