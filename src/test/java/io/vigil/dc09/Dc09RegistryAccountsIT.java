package io.vigil.dc09;

import static io.vigil.dc09.Dc09TestFrames.frame;
import static io.vigil.dc09.Dc09TestFrames.framed;
import static io.vigil.dc09.Dc09TestFrames.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.TestEnvironment;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.KeyEncryptionKey;
import io.vigil.trust.keys.PostgresKeyRegistry;
import io.vigil.trust.keys.SecretsConfig;
import io.vigil.trust.TrustProfile;
import io.vigil.ingest.SignalHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The DC-09 port of a real receiver with the accounts of its key registry, enrolled as `vigil site
 * enroll` does (no test mapping): a transport-only site's account takes plain frames, a dc09-aes
 * site's account only frames its key decrypts, an account nobody enrolled gets no ACK.
 */
class Dc09RegistryAccountsIT {

    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
    private static final String PLAIN_ACCOUNT = "P" + RUN;
    private static final String AES_ACCOUNT = "E" + RUN;
    private static final String PLAIN_SITE = "it-dc09-plain-" + RUN.toLowerCase(java.util.Locale.ROOT);
    private static final String AES_SITE = "it-dc09-aes-" + RUN.toLowerCase(java.util.Locale.ROOT);
    private static final String KEY = "0123456789abcdef0123456789ABCDEF";

    @TempDir
    static Path sitesDir;
    private static VigilTestApp app;
    private static SiteEnrollment enrollment;
    private static InetSocketAddress tcp;

    @BeforeAll
    static void start() throws Exception {
        Path kekFile = Path.of("target", "test-kek", RUN, "kek");
        KeyEncryptionKey.loadOrCreate(kekFile);
        app = new VigilTestApp().forSites("dc09-reg-nobody").with("vigil.trust.secrets.kek-file", kekFile.toString())
                .with("vigil.dc09.tcp.enabled", "true").with("vigil.dc09.tcp.port", "0");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(app.database().url());
        dataSource.setUser(app.database().appUser());
        dataSource.setPassword(app.database().appPassword());
        enrollment = new SiteEnrollment(new PostgresKeyRegistry(dataSource), TestEnvironment.get().pki(), sitesDir,
                TestEnvironment.get().sitesBrokerUrl(), Clock.systemUTC(), new SecretsConfig(kekFile));
        enrollment.enrollWithProfile(PLAIN_SITE, "", TrustProfile.TRANSPORT_ONLY, null, PLAIN_ACCOUNT);
        enrollment.enrollWithProfile(AES_SITE, "", TrustProfile.DC09_AES,
                new SiteEnrollment.NewSecret(TrustProfile.DC09_AES, AES_ACCOUNT, java.util.HexFormat.of().parseHex(KEY)));
        app.start();
        tcp = app.application().dc09().tcpAddress();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aTransportOnlySitesAccountTakesPlainFramesForThatSite() throws Exception {
        try (var panel = Dc09TestClient.tcp(tcp); KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"))) {
            panel.send(frame("SIA-DCS", 31, PLAIN_ACCOUNT, "#" + PLAIN_ACCOUNT + "|NBA03", Instant.now()));

            assertThat(panel.answer(ANSWER)).isEqualTo(text(framed("\"ACK\"0031R1L1#" + PLAIN_ACCOUNT + "[]")));
            // another test of this class (random order) sends a BR for the same site: this one is the BA
            java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> ours = x ->
                    PLAIN_SITE.equals(x.key()) && new String(x.value(), StandardCharsets.UTF_8).contains("\"code\":\"BA\"");
            var event = alarms.pollUntil(r -> r.stream().anyMatch(ours), ANSWER).stream().filter(ours).findFirst().orElseThrow();
            assertThat(new String(event.value(), StandardCharsets.UTF_8)).contains("\"assurance\":\"transport\"");
        }
    }

    @Test
    void aDc09AesSitesAccountRefusesPlainFramesAndTakesTheOnesItsKeyDecrypts() throws Exception {
        Dc09Cipher cipher = Dc09Cipher.ofKey(java.util.HexFormat.of().parseHex(KEY));
        try (var panel = Dc09TestClient.tcp(tcp); KafkaTopicReader accepted = new KafkaTopicReader(app.topic("accepted"));
             KafkaTopicReader quarantine = new KafkaTopicReader(app.topic("quarantine"))) {
            panel.send(frame("SIA-DCS", 41, AES_ACCOUNT, "#" + AES_ACCOUNT + "|NBA04", Instant.now()));
            panel.send(Dc09ReceiverTest.encrypted(frame("SIA-DCS", 42, AES_ACCOUNT, "#" + AES_ACCOUNT + "|NFA05", Instant.now()), cipher));

            // one frame at a time per connection: had the plain frame been answered, its answer would come first
            assertThat(panel.answer(ANSWER)).contains("\"*ACK\"0042");
            var record = accepted.pollUntil(r -> r.stream().anyMatch(x -> AES_SITE.equals(x.key())), ANSWER).stream()
                    .filter(x -> AES_SITE.equals(x.key())).findFirst().orElseThrow();
            assertThat(KafkaTopicReader.header(record, SignalHeaders.ASSURANCE)).isEqualTo("dc09-aes");
            assertThat(reasonsFor(quarantine, AES_ACCOUNT)).contains("dc09.plain_not_allowed");
        }
    }

    @Test
    void anAccountNobodyEnrolledGetsNoAck() throws Exception {
        String unknown = "U" + RUN;
        try (var panel = Dc09TestClient.tcp(tcp); KafkaTopicReader quarantine = new KafkaTopicReader(app.topic("quarantine"))) {
            panel.send(frame("SIA-DCS", 51, unknown, "#" + unknown + "|NBA01", Instant.now()));
            panel.send(frame("SIA-DCS", 52, PLAIN_ACCOUNT, "#" + PLAIN_ACCOUNT + "|NBR01", Instant.now()));

            assertThat(panel.answer(ANSWER)).contains("\"ACK\"0052");
            assertThat(reasonsFor(quarantine, unknown)).contains("dc09.unknown_account");
        }
    }

    private static java.util.List<String> reasonsFor(KafkaTopicReader quarantine, String account) {
        java.util.function.Predicate<io.vigil.ingest.QuarantineRecord> ours = q -> q.stage().equals("dc09")
                && new String(q.payload(), StandardCharsets.ISO_8859_1).contains("#" + account);
        return quarantine.pollUntil(r -> r.stream().map(x -> io.vigil.ingest.QuarantineRecord.fromJson(x.value())).anyMatch(ours),
                ANSWER).stream().map(x -> io.vigil.ingest.QuarantineRecord.fromJson(x.value())).filter(ours)
                .map(io.vigil.ingest.QuarantineRecord::reason).toList();
    }

    @Test
    void anAccountBelongsToOneSite() {
        assertThatThrownBy(() -> enrollment.enrollWithProfile(PLAIN_SITE + "-other", "", TrustProfile.TRANSPORT_ONLY, null,
                PLAIN_ACCOUNT)).hasMessageContaining("belongs to another site");
        assertThatThrownBy(() -> enrollment.enrollWithProfile(PLAIN_SITE + "-signed", "", TrustProfile.DC09_AES,
                new SiteEnrollment.NewSecret(TrustProfile.DC09_AES, "X" + RUN, java.util.HexFormat.of().parseHex(KEY)), "Y" + RUN))
                .hasMessageContaining("only a transport-only site");
    }
}
