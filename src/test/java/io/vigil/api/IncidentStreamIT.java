package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.api.auth.Role;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live stream, fed by real NOTIFYs sent from the test through PostgreSQL. */
class IncidentStreamIT {

    static ApiTestServer api;
    static String operator;
    static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start(Map.of("vigil.api.stream.keep-alive", "1s", "vigil.api.stream.max-clients", "3",
                "vigil.api.stream.replay", "4"));
        operator = api.token(Role.OPERATOR);
        await().atMost(WAIT).until(() -> api.server.incidentStream().listening());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void previousStreamsAreGone() {
        // a client that hung up is noticed at the next write: the keep-alive, every second here
        await().atMost(WAIT).until(() -> api.server.incidentStream().clients() == 0);
    }

    static void notify(String payload) throws Exception {
        var db = api.database.config();
        try (Connection c = DriverManager.getConnection(db.url(), db.appUser(), db.appPassword());
             PreparedStatement s = c.prepareStatement("SELECT pg_notify('vigil_incidents', ?)")) {
            s.setString(1, payload);
            s.execute();
        }
    }

    static SseReader ready(String token, String lastEventId) throws Exception {
        SseReader reader = SseReader.open(api, token, lastEventId);
        assertThat(reader.status).isEqualTo(200);
        await().atMost(WAIT).until(() -> reader.names().contains("ready"));
        return reader;
    }

    @Test
    void eachNotifyBecomesOneChangeEventWithThePayloadAsData() throws Exception {
        try (SseReader reader = ready(operator, null)) {
            notify("{\"incident\":\"inc-1\",\"state\":\"acknowledged\"}");
            notify("{\n  \"incident\": \"inc-2\",\r\n  \"note\": \"a\\nb\"\n}");

            await().atMost(WAIT).until(() -> reader.names().stream().filter("change"::equals).count() == 2);
            var changes = reader.events.stream().filter(e -> e.name().equals("change")).toList();
            assertThat(changes.get(0).data()).isEqualTo("{\"incident\":\"inc-1\",\"state\":\"acknowledged\"}");
            // line breaks inside the payload survive as data lines, joined with LF
            assertThat(changes.get(1).data()).isEqualTo("{\n  \"incident\": \"inc-2\",\n  \"note\": \"a\\nb\"\n}");
            assertThat(changes.get(0).id()).matches("[a-z0-9]{8}-\\d+");
            long first = Long.parseLong(changes.get(0).id().replaceAll(".*-", ""));
            assertThat(changes.get(1).id()).endsWith("-" + (first + 1));
        }
    }

    @Test
    void aNotificationThatIsNotJsonTellsClientsToResync() throws Exception {
        try (SseReader reader = ready(operator, null)) {
            notify("incident 7 changed");

            await().atMost(WAIT).until(() -> reader.names().contains("resync"));
            assertThat(reader.last("resync").data()).contains("unreadable-notification");
            assertThat(reader.names()).doesNotContain("change");
        }
    }

    @Test
    void keepAliveCommentsFlowWhileNothingHappens() throws Exception {
        try (SseReader reader = ready(operator, null)) {
            await().atMost(WAIT).until(() -> reader.comments.contains("keep-alive"));
        }
    }

    @Test
    void aReconnectingClientGetsWhatItMissedWhileTheServerStillKeepsIt() throws Exception {
        String lastSeen;
        try (SseReader reader = ready(operator, null)) {
            notify("{\"n\":1}");
            await().atMost(WAIT).until(() -> reader.last("change") != null);
            lastSeen = reader.last("change").id();
            // a second client stays to see the server receive what the first one misses
            try (SseReader witness = ready(operator, null)) {
                reader.close();
                notify("{\"n\":2}");
                notify("{\"n\":3}");
                await().atMost(WAIT).until(() -> witness.names().stream().filter("change"::equals).count() == 2);
            }
        }
        await().atMost(WAIT).until(() -> api.server.incidentStream().clients() == 0);

        try (SseReader again = ready(operator, lastSeen)) {
            assertThat(again.names()).containsExactly("change", "change", "ready");
            assertThat(again.events.get(0).data()).isEqualTo("{\"n\":2}");
            assertThat(again.events.get(1).data()).isEqualTo("{\"n\":3}");
            assertThat(again.last("ready").data()).isEqualTo("{\"replayed\":2}");
            assertThat(again.last("ready").id()).isEqualTo(again.events.get(1).id());
        }
    }

    @Test
    void aClientTooFarBehindOrFromAnotherRunIsToldToResync() throws Exception {
        String lastSeen;
        try (SseReader witness = ready(operator, null)) {
            lastSeen = witness.last("ready").id();
            for (int i = 0; i < 6; i++) { // the server keeps 4
                notify("{\"n\":" + i + "}");
            }
            // the server has seen all six before the late client asks
            await().atMost(WAIT).until(() -> witness.names().stream().filter("change"::equals).count() == 6);
        }
        await().atMost(WAIT).until(() -> api.server.incidentStream().clients() == 0);
        try (SseReader behind = ready(operator, lastSeen)) {
            assertThat(behind.names()).containsExactly("resync", "ready");
            assertThat(behind.events.get(0).data()).contains("history-unavailable");
        }
        try (SseReader foreign = ready(operator, "zzzzzzzz-5")) {
            assertThat(foreign.names()).containsExactly("resync", "ready");
        }
        try (SseReader garbage = ready(operator, "' OR 1=1 --")) {
            assertThat(garbage.names()).containsExactly("resync", "ready");
        }
    }

    @Test
    void beyondMaxClientsANewSubscriberGetsFiveHundredThree() throws Exception {
        try (SseReader a = ready(operator, null); SseReader b = ready(operator, null); SseReader c = ready(operator, null)) {
            SseReader d = SseReader.open(api, operator, null);
            assertThat(d.status).isEqualTo(503);
            assertThat(d.body()).contains("urn:vigil:problem:too-many-streams");
            notify("{\"all\":true}");
            for (SseReader r : new SseReader[] {a, b, c}) {
                await().atMost(WAIT).until(() -> r.last("change") != null);
            }
        }
    }

    @Test
    void aStreamEndsWhenItsTokenIsRevoked() throws Exception {
        String token = api.newToken("stream-user", Role.AUDITOR);
        String id = ApiTestServer.json(api.get("/api/me", token)).get("tokenId").asText();
        try (SseReader reader = ready(token, null)) {
            assertThat(api.post("/api/tokens/" + id + ":revoke", api.token(Role.ADMIN), Map.of("reason", "test")).statusCode())
                    .isEqualTo(200);
            await().atMost(WAIT).until(reader::ended);
        }
        assertThat(SseReader.open(api, token, null).status).isEqualTo(401);
    }

    @Test
    void nobodyWithoutAValidTokenCanSubscribe() throws Exception {
        assertThat(SseReader.open(api, null, null).status).isEqualTo(401);
        assertThat(SseReader.open(api, "vgl_" + "A".repeat(43), null).status).isEqualTo(401);
    }
}
