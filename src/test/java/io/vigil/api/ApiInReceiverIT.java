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

/** The receiver starts the API (HTTPS, dev PKI certificate) and answers 503 until the incident service is wired. */
class ApiInReceiverIT {

    @Test
    void theReceiverServesTheApiOverHttpsWithTheDevPkiCertificate() throws Exception {
        try (VigilTestApp app = new VigilTestApp().forSites("api-none").start()) {
            ApiServer api = app.application().api();
            assertThat(api).isNotNull();
            assertThat(api.baseUri().getScheme()).isEqualTo("https");
            assertThat(api.baseUri().getHost()).isEqualTo("127.0.0.1");

            String token;
            try (var pool = Database.appPool(app.database(), "api-receiver-test")) {
                token = new ApiTokens(pool, Clock.systemUTC()).create("ops", Role.OPERATOR, "", Duration.ofMinutes(5), "test").token();
            }
            var pki = TestEnvironment.get().pki();
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(pki.truststore(), pki.password())).build();

            HttpResponse<String> me = http.send(HttpRequest.newBuilder(api.baseUri().resolve("/api/me"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"principal\":\"ops\"");

            HttpResponse<String> queue = http.send(HttpRequest.newBuilder(api.baseUri().resolve("/api/incidents"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(queue.statusCode()).isEqualTo(503);
            assertThat(queue.body()).contains("urn:vigil:problem:unavailable");
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
