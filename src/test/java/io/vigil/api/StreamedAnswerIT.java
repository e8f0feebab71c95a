package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.auth.Role;
import io.vigil.api.sse.IncidentStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streamed answer (audit export) that fails: before its first bytes left, the client gets a
 * problem; after, the connection is cut, so a partial export can never look complete.
 */
class StreamedAnswerIT {

    static ApiTestServer api;
    static Server server;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
        List<Route> routes = List.of(
                Route.get("/api/fails-early", null, request -> new Reply.Streamed("text/plain", out -> {
                    out.write("a little".getBytes());
                    throw new SQLTransientConnectionException("database went away", "08006");
                })),
                Route.get("/api/fails-late", null, request -> new Reply.Streamed("text/plain", out -> {
                    out.write(new byte[200_000]);
                    throw new IllegalStateException("cursor broke");
                })),
                Route.get("/api/works", null, request -> new Reply.Streamed("text/plain", out -> out.write(new byte[200_000]))));
        IncidentStream unused = new IncidentStream(api.pool, "unused", ApiConfig.from(io.vigil.config.VigilProperties.of(
                java.util.Map.of())).stream(), ids -> java.util.Set.of());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(new Router(routes), api.tokens, new ApiAudit(api.audit, Duration.ofSeconds(5)),
                unused, 65_536, new io.vigil.api.auth.FailedAuthLimiter(
                        ApiConfig.from(io.vigil.config.VigilProperties.of(java.util.Map.of())).authFailures(),
                        java.time.Clock.systemUTC()), null));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        api.close();
    }

    static HttpRequest get(String path) throws Exception {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + api.token(Role.AUDITOR)).build();
    }

    @Test
    void aFailureBeforeTheFirstBytesLeftIsAProblemAnswer() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(get("/api/fails-early"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        assertThat(response.body()).doesNotContain("a little");
    }

    @Test
    void aFailureAfterTheFirstBytesLeftCutsTheConnection() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(get("/api/works"), HttpResponse.BodyHandlers.ofByteArray()).body()).hasSize(200_000);

        assertThatThrownBy(() -> http.send(get("/api/fails-late"), HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
    }
}
