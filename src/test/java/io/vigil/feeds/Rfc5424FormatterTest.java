package io.vigil.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.feeds.syslog.Rfc5424Formatter;
import io.vigil.feeds.syslog.SyslogFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Rfc5424FormatterTest {

    private final Rfc5424Formatter syslog = new Rfc5424Formatter(new SyslogFormat(20, "vigil-1", "vigil", "vigil@32473"));

    @Test
    void aMessageHasTheRfc5424HeaderAndVigilsStructuredData() {
        IncidentChange incident = FeedSamples.readIncident(FeedSamples.incident("c-1", "site-0001", "opened", null));
        String message = new String(syslog.format(incident, "CEF:0|x"), StandardCharsets.UTF_8);

        // facility local4 (20) * 8 + severity critical (2) for priority 1
        assertThat(message).isEqualTo("<162>1 2026-11-25T06:32:20.114Z vigil-1 vigil - incident "
                + "[vigil@32473 kind=\"incident\" id=\"c-1\" site=\"site-0001\"] CEF:0|x");
    }

    @Test
    void structuredDataParamsEscapeQuoteBackslashAndBracketAndStayOnOneLine() {
        assertThat(Rfc5424Formatter.paramValue("a\"b\\c]d\r\ne")).isEqualTo("a\\\"b\\\\c\\]d  e");
        IncidentChange incident = FeedSamples.readIncident(FeedSamples.incident("c-2", FeedSamples.HOSTILE, "opened", null));
        String message = new String(syslog.format(incident, "m"), StandardCharsets.UTF_8);
        assertThat(message).doesNotContain("\n", "\r").contains("site=\"x|y=z\\\\w\\\"q\\]r  CEF:0|Evil");
    }

    @Test
    void headerFieldsAreValidated() {
        assertThatThrownBy(() -> new SyslogFormat(24, "h", "a", "x@1")).hasMessageContaining("facility");
        assertThatThrownBy(() -> new SyslogFormat(1, "h h", "a", "x@1")).hasMessageContaining("HOSTNAME");
        assertThatThrownBy(() -> new SyslogFormat(1, "h", "a", "x y@1")).hasMessageContaining("SD-ID");
        assertThat(SyslogFormat.facility("local4")).isEqualTo(20);
        assertThat(SyslogFormat.facility("13")).isEqualTo(13);
        assertThat(SyslogFormat.hostname("my host\n")).isEqualTo("my-host");
    }
}
