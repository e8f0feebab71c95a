package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.normalize.owntracks.OwnTracksSecretBox;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.RawSignals;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.keys.KeyEncryptionKey;
import io.vigil.trust.keys.PostgresKeyRegistry;
import io.vigil.trust.keys.SiteRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Sites that cannot sign a Vigil envelope, end to end: a panel's encrypted DC-09 frame and the
 * OwnTracks app's encrypted payload published raw over mutual TLS to the real broker reach
 * {@code events.*} with their assurance; a wrong key and altered bytes are quarantined as
 * {@code decrypt_failed}; a transport-only site's events are marked; a signed site's raw payload
 * is still refused.
 */
class TrustProfilesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PANEL_SITE = "it-dc09-" + RUN;
    private static final String PHONE_SITE = "it-ot-" + RUN;
    private static final String BARE_SITE = "it-tr-" + RUN;
    private static final String SIGNED_SITE = "it-sg-" + RUN;
    private static final byte[] PANEL_KEY = random(16);
    private static final String PHONE_SECRET = "phone secret " + RUN;

    private static VigilTestApp app;

    @BeforeAll
    static void start() {
        Path kekFile = Path.of("target", "test-kek", RUN, "kek");
        KeyEncryptionKey kek = KeyEncryptionKey.loadOrCreate(kekFile);
        app = new VigilTestApp().with("vigil.trust.secrets.kek-file", kekFile.toString())
                .forSites(PANEL_SITE, PHONE_SITE, BARE_SITE, SIGNED_SITE);
        PostgresKeyRegistry registry = registry(app);
        Instant now = Instant.now().minusSeconds(60);
        for (String site : new String[] {PANEL_SITE, PHONE_SITE, BARE_SITE}) {
            TestEnvironment.get().pki().issueSite(site);
        }
        registry.enrollWithSecret(new SiteRecord(PANEL_SITE, "", now, null, TrustProfile.DC09_AES),
                RawSignals.wrappedSecret(kek, PANEL_SITE, "dc09-" + RUN + "-1", TrustProfile.DC09_AES, "A" + RUN.substring(0, 4), PANEL_KEY, now));
        registry.enrollWithSecret(new SiteRecord(PHONE_SITE, "", now, null, TrustProfile.OWNTRACKS_SECRET),
                RawSignals.wrappedSecret(kek, PHONE_SITE, "owntracks-1", TrustProfile.OWNTRACKS_SECRET, null,
                        PHONE_SECRET.getBytes(StandardCharsets.UTF_8), now));
        registry.enrollWithSecret(new SiteRecord(BARE_SITE, "", now, null, TrustProfile.TRANSPORT_ONLY), null);
        TestSites.enroll(app.database(), SIGNED_SITE, SignatureAlgorithm.EDDSA);
        try {
            app.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anEncryptedDc09FrameFromAPanelReachesTheAlarmTopicMarkedDc09Aes() throws Exception {
        String account = "A" + RUN.substring(0, 4);
        byte[] frame = RawSignals.encryptedDc09Frame(account, "0042", "Nri1/BA012", PANEL_KEY, Instant.now());
        try (SiteConnection panel = SiteClient.connect(PANEL_SITE);
             KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"))) {
            assertThat(panel.publishAndWait("sites/" + PANEL_SITE + "/dc09", frame)).isZero();

            JsonNode event = json(first(alarms, r -> PANEL_SITE.equals(r.key())));
            assertThat(event.path("code").asText()).isEqualTo("BA");
            assertThat(event.path("zone").asText()).isEqualTo("012");
            assertThat(event.path("account").asText()).isEqualTo(account);
            assertThat(event.path("device_id").asText()).isEqualTo("dc09-" + account);
            assertThat(event.path("assurance").asText()).isEqualTo("dc09-aes");
            assertThat(event.path("dc09").path("sequence").asText()).isEqualTo("0042");
        }
    }

    @Test
    void theOwnTracksAppsEncryptedLocationReachesTheLocationTopicMarkedOwntracksSecret() throws Exception {
        String inner = "{\"_type\":\"location\",\"lat\":48.8584,\"lon\":2.2945,\"acc\":12,\"tid\":\"jd\",\"tst\":"
                + Instant.now().getEpochSecond() + "}";
        byte[] payload = RawSignals.ownTracksAppPayload(OwnTracksSecretBox.fromSecret(PHONE_SECRET), inner);
        try (SiteConnection phone = SiteClient.connect(PHONE_SITE);
             KafkaTopicReader locations = new KafkaTopicReader(app.topic("location-precise"))) {
            assertThat(phone.publishAndWait("sites/" + PHONE_SITE + "/owntracks/jane/phone", payload)).isZero();

            JsonNode event = json(first(locations, r -> PHONE_SITE.equals(r.key())));
            assertThat(event.path("class").asText()).isEqualTo("location");
            assertThat(event.path("device_id").asText()).isEqualTo("jane.phone");
            assertThat(event.path("location").path("lat").asDouble()).isEqualTo(48.8584);
            assertThat(event.path("assurance").asText()).isEqualTo("owntracks-secret");
        }
    }

    @Test
    void aWrongKeyAndAlteredBytesAreQuarantinedAsDecryptFailed() throws Exception {
        String account = "A" + RUN.substring(0, 4);
        byte[] wrongKey = RawSignals.encryptedDc09Frame(account, "0043", "Nri1/BA013", random(16), Instant.now());
        String data = OwnTracksSecretBox.fromSecret(PHONE_SECRET).sealBase64(
                ("{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":" + Instant.now().getEpochSecond() + "}")
                        .getBytes(StandardCharsets.UTF_8));
        byte[] wire = Base64.getDecoder().decode(data);
        wire[wire.length - 1] ^= 0x20;
        byte[] altered = ("{\"_type\":\"encrypted\",\"data\":\"" + Base64.getEncoder().encodeToString(wire) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (SiteConnection panel = SiteClient.connect(PANEL_SITE);
             SiteConnection phone = SiteClient.connect(PHONE_SITE);
             KafkaTopicReader quarantine = new KafkaTopicReader(app.topic("quarantine"))) {
            assertThat(panel.publishAndWait("sites/" + PANEL_SITE + "/dc09", wrongKey)).isZero();
            assertThat(phone.publishAndWait("sites/" + PHONE_SITE + "/owntracks/jane/phone", altered)).isZero();

            for (byte[] sent : new byte[][] {wrongKey, altered}) {
                QuarantineRecord record = QuarantineRecord.fromJson(first(quarantine,
                        r -> java.util.Arrays.equals(QuarantineRecord.fromJson(r.value()).payload(), sent)).value());
                assertThat(record.reason()).isEqualTo("decrypt_failed");
                assertThat(record.stage()).isEqualTo("trust");
            }
        }
    }

    @Test
    void aTransportOnlySitesEventsAreMarkedAndASignedSitesRawFrameIsRefused() throws Exception {
        byte[] cid = "1234 18 1130 01 015".getBytes(StandardCharsets.US_ASCII);
        byte[] raw = RawSignals.encryptedDc09Frame("1234", "0001", "Nri1/BA01", random(16), Instant.now());
        try (SiteConnection bare = SiteClient.connect(BARE_SITE);
             SiteConnection signed = SiteClient.connect(SIGNED_SITE);
             KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"));
             KafkaTopicReader quarantine = new KafkaTopicReader(app.topic("quarantine"))) {
            assertThat(bare.publishAndWait("sites/" + BARE_SITE + "/cid/panel-1", cid)).isZero();
            assertThat(signed.publishAndWait("sites/" + SIGNED_SITE + "/dc09", raw)).isZero();

            JsonNode event = json(first(alarms, r -> BARE_SITE.equals(r.key())));
            assertThat(event.path("assurance").asText()).isEqualTo("transport");
            assertThat(event.path("device_id").asText()).isEqualTo("panel-1");
            QuarantineRecord refused = QuarantineRecord.fromJson(first(quarantine, r -> SIGNED_SITE.equals(r.key())).value());
            assertThat(refused.reason()).isEqualTo("malformed");
        }
    }

    private static PostgresKeyRegistry registry(VigilTestApp app) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(app.database().url());
        dataSource.setUser(app.database().appUser());
        dataSource.setPassword(app.database().appPassword());
        return new PostgresKeyRegistry(dataSource);
    }

    private static ConsumerRecord<String, byte[]> first(KafkaTopicReader reader, Predicate<ConsumerRecord<String, byte[]>> match) {
        return reader.pollUntil(records -> records.stream().anyMatch(match), WAIT).stream().filter(match).findFirst()
                .orElseThrow(() -> new AssertionError("no matching record within " + WAIT));
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
