package io.vigil.feeds;

import static io.vigil.feeds.FeedSamples.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CEF over syslog into a real rsyslogd: RFC 5424 over TLS with RFC 5425 octet counting, and over UDP.
 * Every message must land exactly once as one line with its fields intact, including a site id and an
 * operator note full of CEF and syslog metacharacters and line breaks.
 */
class CefSyslogIT {

    /** {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG} as Vigil writes it. */
    private static final Pattern SYSLOG = Pattern.compile(
            "<(\\d{1,3})>1 (\\S+) vigil-test vigil - (incident|security) \\[vigil@32473 kind=\"(\\w+)\" id=\"((?:[^\"\\\\\\]]|\\\\.)*)\" site=\"((?:[^\"\\\\\\]]|\\\\.)*)\"] (CEF:0\\|.*)");

    @TempDir
    Path dir;
    private TestRsyslog rsyslog;
    private FeedsTestApp app;

    @BeforeEach
    void startRsyslog() throws Exception {
        // fails rather than skips: a missing rsyslogd would otherwise silently drop every CEF test
        assertThat(TestRsyslog.installed()).as("rsyslogd is installed (scripts/test installs it)").isTrue();
        rsyslog = new TestRsyslog(dir, TestEnvironment.get().pki());
        rsyslog.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void everyRecordArrivesOverTlsExactlyOnceAsOneLineWithItsFieldsIntact() throws Exception {
        app = tlsApp().start();
        Map<String, String> expectedSite = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            String site = i % 10 == 0 ? HOSTILE + i : "site-" + i;
            var incident = FeedSamples.incident(UUID.randomUUID().toString(), site, "acknowledged", i % 10 == 0 ? HOSTILE : "note " + i);
            expectedSite.put(incident.get("change_id").asText(), site);
            app.publishIncident(site, FeedSamples.bytes(incident));
        }
        for (int i = 0; i < 50; i++) {
            String id = UUID.randomUUID().toString();
            expectedSite.put(id, "site-s" + i);
            app.publishSecurityEvent("site-s" + i, FeedSamples.bytes(FeedSamples.securityEvent(id, "site-s" + i)));
        }

        List<String> lines = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(rsyslog::tlsLines, l -> l.size() >= expectedSite.size());

        assertThat(lines).hasSize(expectedSite.size());
        Map<String, Integer> seen = new HashMap<>();
        for (String line : lines) {
            Matcher syslog = SYSLOG.matcher(line);
            assertThat(syslog.matches()).as("an RFC 5424 message: %s", line).isTrue();
            Cef cef = Cef.parse(syslog.group(7));
            String id = cef.extension().get("cs4");
            seen.merge(id, 1, Integer::sum);
            assertThat(expectedSite).containsKey(id);
            String site = cleaned(expectedSite.get(id));
            assertThat(cef.extension().get("cs1")).isEqualTo(site);
            if (syslog.group(3).equals("incident")) {
                assertThat(syslog.group(1)).isEqualTo("162"); // local4, critical (priority 1)
                assertThat(cef.header().get(4)).isEqualTo("incident:burglary:acknowledged");
                assertThat(cef.extension()).containsEntry("act", "acknowledged").containsEntry("suser", "op-7")
                        .containsEntry("cs3", "acknowledged").containsEntry("dvchost", "vigil-test");
                if (expectedSite.get(id).startsWith(HOSTILE)) {
                    assertThat(cef.extension().get("msg")).isEqualTo(cleaned(HOSTILE));
                    assertThat(cef.header().get(5)).isEqualTo("Incident acknowledged: Burglary at "
                            + cleaned(expectedSite.get(id)).replace('\r', ' ').replace('\n', ' '));
                }
            } else {
                assertThat(syslog.group(1)).isEqualTo("164"); // local4, warning (priority 3)
                assertThat(cef.header().get(4)).isEqualTo("security:access:421");
            }
        }
        assertThat(seen).as("each record exactly once").hasSize(expectedSite.size()).allSatisfy((id, n) -> assertThat(n).isOne());
    }

    @Test
    void aReceiverThatWasDownGetsEverythingOnceItIsBack() throws Exception {
        app = tlsApp().start();
        List<String> ids = new ArrayList<>();
        ids.addAll(publish(20));
        await().atMost(Duration.ofSeconds(60)).until(() -> rsyslog.tlsLines().size() >= 20);

        rsyslog.stop();
        ids.addAll(publish(30));
        // the route retries with back-off while nobody listens
        await().atMost(Duration.ofSeconds(30)).until(() -> app.main().getCamelContext().getInflightRepository().size() > 0);
        rsyslog.start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> received(rsyslog.tlsLines()).containsAll(ids));
        assertThat(received(rsyslog.tlsLines())).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void udpCarriesOneMessagePerDatagram() throws Exception {
        app = new FeedsTestApp().with("vigil.feeds.cef-udp.enabled", "true")
                .with("vigil.feeds.cef-udp.host", "127.0.0.1")
                .with("vigil.feeds.cef-udp.port", Integer.toString(rsyslog.udpPort()));
        app.start();
        String id = UUID.randomUUID().toString();
        app.publishIncident(HOSTILE, FeedSamples.bytes(FeedSamples.incident(id, HOSTILE, "opened", HOSTILE)));

        List<String> lines = await().atMost(Duration.ofSeconds(60)).until(rsyslog::udpLines, l -> !l.isEmpty());

        assertThat(lines).hasSize(1);
        Matcher syslog = SYSLOG.matcher(lines.get(0));
        assertThat(syslog.matches()).isTrue();
        Cef cef = Cef.parse(syslog.group(7));
        assertThat(cef.extension()).containsEntry("cs4", id).containsEntry("cs1", cleaned(HOSTILE))
                .containsEntry("msg", cleaned(HOSTILE));
    }

    @Test
    void aReceiverWhoseCertificateNamesAnotherHostGetsNothing() throws Exception {
        try (TestRsyslog impostor = new TestRsyslog(dir.resolve("impostor"), TestEnvironment.get().pki(),
                "test-rsyslog-other-name", List.of("siem.example.invalid"), List.of())) {
            impostor.start();
            app = new FeedsTestApp().with("vigil.feeds.cef-tls.enabled", "true")
                    .with("vigil.feeds.cef-tls.host", "localhost")
                    .with("vigil.feeds.cef-tls.port", Integer.toString(impostor.tlsPort()))
                    .with("vigil.feeds.cef-tls.truststore", TestEnvironment.get().pki().truststore().toString())
                    .with("vigil.feeds.cef-tls.truststore-password", new String(TestEnvironment.get().pki().password()))
                    .start();
            publish(1);

            // a certificate from the trusted CA, but for another name: the handshake fails and the route retries
            await().atMost(Duration.ofSeconds(30)).until(() -> app.main().getCamelContext().getInflightRepository().size() > 0);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> impostor.tlsLines().isEmpty());
            assertThat(app.main().getCamelContext().getInflightRepository().size()).isPositive();
        }
    }

    private FeedsTestApp tlsApp() {
        return new FeedsTestApp().with("vigil.feeds.cef-tls.enabled", "true")
                .with("vigil.feeds.cef-tls.host", "localhost")
                .with("vigil.feeds.cef-tls.port", Integer.toString(rsyslog.tlsPort()))
                .with("vigil.feeds.cef-tls.truststore", TestEnvironment.get().pki().truststore().toString())
                .with("vigil.feeds.cef-tls.truststore-password", new String(TestEnvironment.get().pki().password()));
    }

    private List<String> publish(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            app.publishIncident("site-" + i, FeedSamples.bytes(FeedSamples.incident(id, "site-" + i, "opened", null)));
            ids.add(id);
        }
        return ids;
    }

    private static List<String> received(List<String> lines) {
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            Matcher syslog = SYSLOG.matcher(line);
            if (syslog.matches()) {
                ids.add(Cef.parse(syslog.group(7)).extension().get("cs4"));
            }
        }
        return ids;
    }

    /** What Vigil keeps of site text: characters that could break a line or reorder text replaced. */
    private static String cleaned(String text) {
        return FeedText.clean(text, 4000);
    }
}
