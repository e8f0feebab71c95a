package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void binaryModeHeaders() {
        CanonicalEvent event = TestSignals.single(ContentTypes.CONTACT_ID, "1234 18 1131 01 015");

        Map<String, String> headers = CloudEventHeaders.of(event);

        assertThat(headers).containsExactly(
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", event.eventId().toString()),
                Map.entry("ce_source", "vigil://sites/site-1/devices/panel-1"),
                Map.entry("ce_type", "io.vigil.event.alarm.v1"),
                Map.entry("ce_time", "2025-03-01T10:00:00Z"),
                Map.entry("content-type", "application/json"));
    }

    @Test
    void idsArePercentEncodedSoNoControlCharacterReachesAHeader() {
        SignalContext ctx = TestSignals.ctx("site 1/\r\nX-Injected: yes", "dev\u00e9", "m");
        CanonicalEvent event = ((Decoded) TestSignals.normalizer().normalize(ctx, ContentTypes.HEARTBEAT,
                new byte[0])).events().get(0);

        Map<String, String> headers = CloudEventHeaders.of(event);

        assertThat(headers.get("ce_source"))
                .isEqualTo("vigil://sites/site%201%2F%0D%0AX-Injected%3A%20yes/devices/dev%C3%A9");
        assertThat(String.join("", headers.values()).chars()).noneMatch(c -> c < 0x20 || c == 0x7F);
    }
}
