package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.auth.ApiTokens;
import io.vigil.api.auth.Role;
import io.vigil.db.Database;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.VigilTestApp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * End to end through the receiver: a signed alarm becomes an incident that operators handle over the
 * HTTPS API (dev PKI certificate); every act lands in the incident, its notes, the incidents topic
 * and the audit trail.
 */
class ApiInReceiverIT {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void anAlarmBecomesAnIncidentThatOperatorsAcknowledgeClaimResolveAndASupervisorCloses() throws Exception {
        String site = "it-api-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (VigilTestApp app = new VigilTestApp().forSites(site)) {
            var panel = io.vigil.testing.TestSites.enroll(app.database(), site, io.vigil.trust.SignatureAlgorithm.EDDSA);
            app.start();
            ApiServer api = app.application().api();
            assertThat(api.baseUri().getScheme()).isEqualTo("https");
            assertThat(api.baseUri().getHost()).isEqualTo("127.0.0.1");
            String operator;
            String supervisor;
            try (var pool = Database.appPool(app.database(), "api-receiver-test")) {
                ApiTokens tokens = new ApiTokens(pool, Clock.systemUTC());
                operator = tokens.create("op-1", Role.OPERATOR, "", Duration.ofMinutes(5), "test").token();
                supervisor = tokens.create("sup-1", Role.SUPERVISOR, "", Duration.ofMinutes(5), "test").token();
            }
            var pki = TestEnvironment.get().pki();
            Client client = new Client(HttpClient.newBuilder().sslContext(trusting(pki.truststore(), pki.password())).build(),
                    api.baseUri());

            try (var connection = io.vigil.testing.SiteClient.connect(site)) {
                connection.publishAndWait(panel.topic(), panel.sign(io.vigil.trust.Encoding.JWS,
                        "application/vnd.vigil.cid", "1234 18 1130 01 015".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
            String id = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                var queue = JSON.readTree(client.get(operator, "/api/incidents?site=" + site).body());
                return queue.path("incidents").size() == 0 ? null : queue.path("incidents").get(0).path("id").asText();
            }, java.util.Objects::nonNull);

            assertThat(state(client.post(operator, "/api/incidents/" + id + ":acknowledge", "on it"))).isEqualTo("acknowledged");
            assertThat(state(client.post(operator, "/api/incidents/" + id + ":claim", "driving there"))).isEqualTo("claimed");
            assertThat(state(client.post(operator, "/api/incidents/" + id + ":resolve", "false alarm: cat"))).isEqualTo("resolved");
            assertThat(client.post(operator, "/api/incidents/" + id + ":close", "done").statusCode()).isEqualTo(403);
            assertThat(state(client.post(supervisor, "/api/incidents/" + id + ":close", "checked"))).isEqualTo("closed");
            assertThat(client.post(supervisor, "/api/incidents/" + id + ":acknowledge", "again").statusCode()).isEqualTo(409);

            var detail = JSON.readTree(client.get(operator, "/api/incidents/" + id).body());
            assertThat(detail.path("incident").path("category").asText()).isEqualTo("burglary");
            assertThat(detail.path("events").get(0).path("category").asText()).isEqualTo("burglary");
            assertThat(detail.path("notes").findValuesAsText("text"))
                    .containsExactly("on it", "driving there", "false alarm: cat", "checked");

            try (var reader = new io.vigil.testing.KafkaTopicReader(app.topic("incidents"))) {
                var changes = reader.pollUntil(records -> records.stream().filter(r -> id.equals(field(r, "incident_id")))
                        .map(r -> field(r, "change")).anyMatch("closed"::equals), Duration.ofSeconds(30)).stream()
                        .filter(r -> id.equals(field(r, "incident_id"))).map(r -> field(r, "change")).toList();
                assertThat(changes).containsSubsequence("opened", "acknowledged", "in_progress", "resolved", "closed");
            }
            // every act that was done is in the audit trail with who did it
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> operatorActions(app, id),
                    acts -> acts.containsAll(java.util.List.of("op-1|acknowledge", "op-1|claim", "op-1|resolve", "sup-1|close")));
        }
    }

    private static String state(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("state").asText();
    }

    private static String field(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        try {
            return JSON.readTree(record.value()).path(name).asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static java.util.List<String> operatorActions(VigilTestApp app, String incidentId) throws Exception {
        var db = app.database();
        try (var c = java.sql.DriverManager.getConnection(db.url(), db.appUser(), db.appPassword());
             var s = c.prepareStatement("SELECT actor_id || '|' || reason FROM audit_log"
                     + " WHERE incident_id = ? AND kind = 'operator.action' ORDER BY seq")) {
            s.setString(1, incidentId);
            java.util.List<String> acts = new java.util.ArrayList<>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    acts.add(rs.getString(1));
                }
            }
            return acts;
        }
    }

    /** HTTPS calls with a bearer token. */
    private record Client(HttpClient http, java.net.URI base) {
        HttpResponse<String> get(String token, String path) throws Exception {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String token, String path, String note) throws Exception {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("note", note))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static javax.net.ssl.SSLContext trusting(java.nio.file.Path truststore, char[] password) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(truststore)) {
            store.load(in, password);
        }
        var trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        var context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
