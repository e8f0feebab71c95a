package io.vigil.feeds;

import static io.vigil.feeds.FeedSamples.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.feeds.cef.CefFormatter;
import org.junit.jupiter.api.Test;

class CefFormatterTest {

    private final CefFormatter cef = new CefFormatter("1.2.3", "vigil-1");

    @Test
    void anIncidentChangeMapsToTheDocumentedFields() {
        String line = cef.format(FeedSamples.readIncident(FeedSamples.incident("c-1", "site-0001", "acknowledged", "on my way")));
        Cef parsed = Cef.parse(line);

        assertThat(parsed.header()).containsExactly("0", "Vigil", "Vigil", "1.2.3", "incident:burglary:acknowledged",
                "Incident acknowledged: Burglary at site-0001", "10");
        assertThat(parsed.extension()).containsExactly(
                entry("rt", "1795588340114"), entry("dvchost", "vigil-1"),
                entry("externalId", "7d3c1f7e-4a57-4a60-9d0e-2f1b8d1c5e01"), entry("cat", "burglary"),
                entry("msg", "on my way"), entry("suser", "op-7"), entry("cs1Label", "site"), entry("cs1", "site-0001"),
                entry("cs2Label", "zone"), entry("cs2", "015,016"), entry("cs4Label", "dedup_id"), entry("cs4", "c-1"),
                entry("act", "acknowledged"), entry("cnt", "3"), entry("start", "1795588200000"),
                entry("cs3Label", "state"), entry("cs3", "acknowledged"), entry("cs5Label", "flags"), entry("cs5", "confirmed"),
                entry("cs6Label", "last_event_id"), entry("cs6", "0c8f3f0e-1d2b-5c3a-9b7e-5f4d3c2b1a00"),
                entry("cn1Label", "escalation_level"), entry("cn1", "2"));
    }

    @Test
    void aSecurityEventMapsCodeDeviceAndUser() {
        Cef parsed = Cef.parse(cef.format(FeedSamples.readSecurityEvent(FeedSamples.securityEvent("e-1", "site-0002"))));

        assertThat(parsed.header()).containsExactly("0", "Vigil", "Vigil", "1.2.3", "security:access:421", "Access denied", "6");
        assertThat(parsed.extension()).containsEntry("externalId", "e-1").containsEntry("cs4", "e-1")
                .containsEntry("suser", "12").containsEntry("cs2", "003").containsEntry("cs5", "panel-1")
                .containsEntry("cs6", "cid").containsEntry("msg", "Access denied").doesNotContainKey("act");
    }

    @Test
    void hostileSiteAndNoteCannotForgeAFieldAHeaderOrALine() {
        String line = cef.format(FeedSamples.readIncident(FeedSamples.incident("c-2", HOSTILE, "acknowledged", HOSTILE)));

        assertThat(line).doesNotContain("\r", "\n", "\u2028", "\u0000");
        Cef parsed = Cef.parse(line);
        assertThat(parsed.header()).hasSize(7);
        assertThat(parsed.header().get(5)).startsWith("Incident acknowledged: Burglary at x|y=z\\w\"q]r  CEF:0|Evil");
        assertThat(parsed.extension()).containsOnlyKeys("rt", "dvchost", "externalId", "cat", "msg", "suser", "cs1Label",
                "cs1", "cs2Label", "cs2", "cs4Label", "cs4", "act", "cnt", "start", "cs3Label", "cs3", "cs5Label", "cs5",
                "cs6Label", "cs6", "cn1Label", "cn1");
        String expected = HOSTILE.replace('\u2028', FeedText.REPLACEMENT).replace('\u0000', FeedText.REPLACEMENT);
        assertThat(parsed.extension().get("cs1")).isEqualTo(expected);
        assertThat(parsed.extension().get("msg")).isEqualTo(expected);
        assertThat(parsed.extension().get("act")).isEqualTo("acknowledged");
    }

    @Test
    void escapesFollowTheSpecification() {
        assertThat(CefFormatter.header("a|b\\c\r\nd", 100)).isEqualTo("a\\|b\\\\c  d");
        assertThat(CefFormatter.extensionValue("a=b\\c\r\nd|e", 100)).isEqualTo("a\\=b\\\\c\\r\\nd|e");
    }

    @Test
    void longValuesAreCutToTheSpecLengthBeforeEscaping() {
        String note = "=".repeat(5000);
        Cef parsed = Cef.parse(cef.format(FeedSamples.readIncident(FeedSamples.incident("c-3", "s", "acknowledged", note))));
        assertThat(parsed.extension().get("msg")).hasSize(1023).isEqualTo("=".repeat(1023));
    }

    @Test
    void severityFollowsPriority() {
        assertThat(new int[] {FeedSeverity.cef(1), FeedSeverity.cef(2), FeedSeverity.cef(3), FeedSeverity.cef(4), FeedSeverity.cef(5)})
                .containsExactly(10, 8, 6, 4, 2);
        assertThat(new int[] {FeedSeverity.syslog(1), FeedSeverity.syslog(5)}).containsExactly(2, 6);
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
