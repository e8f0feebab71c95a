package io.vigil.normalize.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.Decoded;
import io.vigil.normalize.DefaultNormalizer;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.NormalizeResult;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.TestSignals;
import io.vigil.normalize.Undecodable;
import io.vigil.normalize.vendor.VendorMappings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SensorDecoderTest {
    private final DefaultNormalizer normalizer =
            new DefaultNormalizer(VendorMappings.none(), SensorConfig.defaults(), new InMemoryThresholdStateStore());
    private int messages;

    @Test
    void readingsBecomeOneSensorEvent() {
        List<CanonicalEvent> events = send("site-1", "t-1", "2025-06-01T10:00:00Z",
                "{\"temperature\": 21.5, \"humidity\": 40, \"contact\": \"closed\", \"tamper\": false}");

        assertThat(events).hasSize(1);
        CanonicalEvent event = events.get(0);
        assertThat(event.eventClass()).isEqualTo(EventClass.SENSOR);
        assertThat(event.category()).isEqualTo(EventCategory.TELEMETRY);
        assertThat(event.sensor().readings()).containsEntry("temperature", 21.5).containsEntry("humidity", 40L)
                .containsEntry("contact", "closed").containsEntry("tamper", false);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
    }

    @Test
    void highTemperatureRaisesOnceAndRestoresWithHysteresis() {
        assertThat(temperatureEvents("10:00", 59.9)).isEmpty();
        List<CanonicalEvent> raised = temperatureEvents("10:01", 61);
        assertThat(temperatureEvents("10:02", 70)).as("already raised").isEmpty();
        assertThat(temperatureEvents("10:03", 57)).as("between clear and raise: still active").isEmpty();
        List<CanonicalEvent> restored = temperatureEvents("10:04", 54.5);
        assertThat(temperatureEvents("10:05", 58)).as("below raise after restore: quiet").isEmpty();

        assertThat(raised).singleElement().satisfies(e -> {
            assertThat(e.eventClass()).isEqualTo(EventClass.ALARM);
            assertThat(e.category()).isEqualTo(EventCategory.FIRE);
            assertThat(e.priority()).isEqualTo(1);
            assertThat(e.code()).isEqualTo("temperature_high");
            assertThat(e.qualifier()).isEqualTo(Qualifier.EVENT);
            assertThat(e.sensor().metric()).isEqualTo("temperature");
            assertThat(e.sensor().value()).isEqualTo(61.0);
            assertThat(e.sensor().threshold()).isEqualTo(60.0);
        });
        assertThat(restored).singleElement().satisfies(e -> {
            assertThat(e.eventClass()).isEqualTo(EventClass.RESTORE);
            assertThat(e.category()).isEqualTo(EventCategory.FIRE);
            assertThat(e.qualifier()).isEqualTo(Qualifier.RESTORE);
            assertThat(e.sensor().threshold()).isEqualTo(55.0);
        });
    }

    @Test
    void lowBatteryIsATrouble() {
        List<CanonicalEvent> events = send("site-1", "t-1", "2025-06-01T10:00:00Z", "{\"battery\": 12}");

        assertThat(events).hasSize(2);
        assertThat(events.get(1).eventClass()).isEqualTo(EventClass.TROUBLE);
        assertThat(events.get(1).category()).isEqualTo(EventCategory.LOW_BATTERY);
        assertThat(send("site-1", "t-1", "2025-06-01T10:01:00Z", "{\"battery\": 18}")).as("within hysteresis").hasSize(1);
        assertThat(send("site-1", "t-1", "2025-06-01T10:02:00Z", "{\"battery\": 21}").get(1).eventClass())
                .isEqualTo(EventClass.RESTORE);
    }

    @Test
    void tamperFlagRaisesAndClears() {
        assertThat(send("site-1", "t-1", "2025-06-01T10:00:00Z", "{\"tamper\": true}").get(1).category())
                .isEqualTo(EventCategory.TAMPER);
        assertThat(send("site-1", "t-1", "2025-06-01T10:01:00Z", "{\"tamper\": false}").get(1).eventClass())
                .isEqualTo(EventClass.RESTORE);
    }

    @Test
    void anOlderReadingDoesNotFlipTheCondition() {
        send("site-1", "t-1", "2025-06-01T10:05:00Z", "{\"temperature\": 65}");

        assertThat(send("site-1", "t-1", "2025-06-01T10:00:00Z", "{\"temperature\": 20}")).hasSize(1);
        assertThat(send("site-1", "t-1", "2025-06-01T10:06:00Z", "{\"temperature\": 20}")).hasSize(2);
    }

    @Test
    void stateIsKeptPerSiteAndDevice() {
        send("site-1", "t-1", "2025-06-01T10:00:00Z", "{\"temperature\": 65}");

        assertThat(send("site-1", "t-2", "2025-06-01T10:00:00Z", "{\"temperature\": 65}")).hasSize(2);
        assertThat(send("site-2", "t-1", "2025-06-01T10:00:00Z", "{\"temperature\": 65}")).hasSize(2);
    }

    @Test
    void afterARestartAnOutOfRangeValueIsRaisedAgain() {
        send("site-1", "t-1", "2025-06-01T10:00:00Z", "{\"temperature\": 65}");
        DefaultNormalizer restarted =
                new DefaultNormalizer(VendorMappings.none(), SensorConfig.defaults(), new InMemoryThresholdStateStore());

        NormalizeResult result = restarted.normalize(TestSignals.ctx("site-1", "t-1", "m-after-restart"),
                ContentTypes.SENSOR_JSON, body("2025-06-01T10:01:00Z", "{\"temperature\": 65}"));
        assertThat(((Decoded) result).events()).hasSize(2);
    }

    @Test
    void withoutTimeTheEnvelopeTimeIsUsed() {
        NormalizeResult result = normalizer.normalize(TestSignals.ctx(), ContentTypes.SENSOR_JSON,
                "{\"readings\": {\"co\": 80}}".getBytes(StandardCharsets.UTF_8));

        List<CanonicalEvent> events = ((Decoded) result).events();
        assertThat(events).extracting(CanonicalEvent::occurredAt).containsOnly(TestSignals.ISSUED_AT);
        assertThat(events.get(1).category()).isEqualTo(EventCategory.GAS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "[1, 2]; sensor.not_object",
        "{}; sensor.no_readings",
        "{\"readings\": {}}; sensor.no_readings",
        "{\"readings\": {\"Temperature\": 1}}; sensor.bad_reading",
        "{\"readings\": {\"t\": [1]}}; sensor.bad_reading",
        "{\"readings\": {\"t\": 1e999}}; sensor.bad_reading",
        "{\"readings\": {\"t\": 1}, \"time\": \"noon\"}; sensor.bad_time",
        "{\"readings\": {\"t\": 1}, \"time\": -99999999999}; sensor.bad_time",
        "{\"readings\": ; sensor.malformed_json"
    })
    void malformedTelemetryIsUndecodable(String body, String expectedReason) {
        NormalizeResult result = normalizer.normalize(TestSignals.ctx(), ContentTypes.SENSOR_JSON,
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOfSatisfying(Undecodable.class,
                u -> assertThat(u.reasonCode()).isEqualTo(expectedReason));
    }

    private List<CanonicalEvent> temperatureEvents(String time, double value) {
        List<CanonicalEvent> events = send("site-1", "t-1", "2025-06-01T" + time + ":00Z", "{\"temperature\": " + value + "}");
        return events.subList(1, events.size());
    }

    private List<CanonicalEvent> send(String site, String device, String time, String readings) {
        SignalContext ctx = TestSignals.ctx(site, device, "m-" + (++messages));
        NormalizeResult result = normalizer.normalize(ctx, ContentTypes.SENSOR_JSON, body(time, readings));
        assertThat(result).isInstanceOf(Decoded.class);
        return ((Decoded) result).events();
    }

    private static byte[] body(String time, String readings) {
        return ("{\"time\": \"" + time + "\", \"readings\": " + readings + "}").getBytes(StandardCharsets.UTF_8);
    }
}
