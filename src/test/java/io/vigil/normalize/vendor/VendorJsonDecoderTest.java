package io.vigil.normalize.vendor;

import static io.vigil.normalize.TestSignals.events;
import static io.vigil.normalize.TestSignals.reason;
import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;
import io.vigil.normalize.TestSignals;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VendorJsonDecoderTest {
    private static final String ACME = ContentTypes.VENDOR_JSON + "; mapping=acme-panel-v1";

    /** The example body documented in config/vendor-mappings/acme-panel-v1.yaml. */
    private static final String ACME_EXAMPLE = """
            {"panel": {"account": "4711", "serial": "AC-99"},
             "events": [{"type": "INTRUSION", "zone": 3, "partition": 1, "time": "2025-03-01T10:15:00Z"},
                        {"type": "INTRUSION_RESTORE", "zone": 3, "partition": 1, "time": "2025-03-01T10:17:00Z"}]}
            """;

    @Test
    void theSampleMappingShips() {
        assertThat(TestSignals.MAPPINGS.find("acme-panel-v1")).isPresent();
    }

    @Test
    void mapsTheDocumentedExample() {
        List<CanonicalEvent> events = events(ACME, ACME_EXAMPLE);

        assertThat(events).hasSize(2);
        CanonicalEvent alarm = events.get(0);
        assertThat(alarm.sourceFormat()).isEqualTo(SourceFormat.VENDOR);
        assertThat(alarm.account()).isEqualTo("4711");
        assertThat(alarm.code()).isEqualTo("INTRUSION");
        assertThat(alarm.eventClass()).isEqualTo(EventClass.ALARM);
        assertThat(alarm.category()).isEqualTo(EventCategory.BURGLARY);
        assertThat(alarm.zone()).isEqualTo("3");
        assertThat(alarm.area()).isEqualTo("1");
        assertThat(alarm.occurredAt()).isEqualTo(Instant.parse("2025-03-01T10:15:00Z"));
        assertThat(events.get(1).eventClass()).isEqualTo(EventClass.RESTORE);
        assertThat(events.get(1).qualifier()).isEqualTo(Qualifier.RESTORE);
    }

    @Test
    void unknownVendorCodesAreKept() {
        CanonicalEvent event = single(ACME, "{\"events\": [{\"type\": \"GARAGE_DOOR_SONG\", \"zone\": 9}]}");

        assertThat(event.codeKnown()).isFalse();
        assertThat(event.category()).isEqualTo(EventCategory.UNKNOWN);
        assertThat(event.code()).isEqualTo("GARAGE_DOOR_SONG");
        assertThat(event.account()).isNull();
    }

    @Test
    void emptyFieldsCountAsAbsent() {
        CanonicalEvent event = single(ACME, "{\"panel\": {\"account\": \"\"}, \"events\": [{\"type\": \"FIRE\", \"zone\": \"\"}]}");

        assertThat(event.account()).isNull();
        assertThat(event.zone()).isNull();
    }

    @Test
    void epochTimesAreSeconds() {
        CanonicalEvent event = single(ACME, "{\"events\": [{\"type\": \"FIRE\", \"time\": 1740823200}]}");
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1740823200));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"events\": [{\"zone\": 1}]}; vendor.missing_code",
        "{\"events\": []}; vendor.no_events",
        "{\"panel\": {}}; vendor.no_events",
        "{\"events\": [{\"type\": {\"nested\": true}}]}; vendor.bad_field",
        "{\"events\": [{\"type\": \"FIRE\", \"time\": \"yesterday\"}]}; vendor.bad_field",
        "{\"events\": [{\"type\": \"FIRE\", \"time\": 99999999999999}]}; vendor.bad_field",
        "{\"events\": [{\"type\": \"FIRE\"}]} trailing; vendor.malformed_json",
        "{\"events\": 1, \"events\": 2}; vendor.malformed_json",
        "not json; vendor.malformed_json"
    })
    void malformedDocumentsAreUndecodable(String body, String expectedReason) {
        assertThat(reason(ACME, body)).isEqualTo(expectedReason);
    }

    @Test
    void tooManyEventsAreRefused() {
        String many = "{\"events\": [" + "{\"type\": \"FIRE\"},".repeat(VendorJsonDecoder.MAX_EVENTS) + "{\"type\": \"FIRE\"}]}";
        assertThat(reason(ACME, many)).isEqualTo("vendor.too_many_events");
    }

    @Test
    void theMappingIsChosenByTheContentTypeParameterOnly() {
        assertThat(reason(ContentTypes.VENDOR_JSON, ACME_EXAMPLE)).isEqualTo("vendor.missing_mapping");
        assertThat(reason(ContentTypes.VENDOR_JSON + "; mapping=\"../../etc/passwd\"", ACME_EXAMPLE))
                .isEqualTo("vendor.unknown_mapping");
    }

    @Test
    void aMappingWithoutEventsPathReadsTheDocumentAsOneEvent() {
        VendorMapping mapping = VendorMappingLoader.load(yaml("""
                name: flat-v1
                event: {code: /kind, zone: /where}
                codes:
                  SMOKE: {class: alarm, category: fire, priority: 1, description: Smoke}
                """), "test");

        List<?> drafts = VendorJsonDecoder.decode(mapping, io.vigil.normalize.EventJson.parse(
                "{\"kind\": \"SMOKE\", \"where\": \"kitchen\"}".getBytes(StandardCharsets.UTF_8), "vendor"));
        assertThat(drafts).hasSize(1);
    }

    @Test
    void brokenMappingsFailAtLoadTime() {
        assertThatThrownBy(() -> VendorMappingLoader.load(yaml("""
                name: bad-v1
                event: {code: /c}
                codes: {X: {class: explosion, category: fire, priority: 1, description: X}}
                """), "test")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonical values");
        assertThatThrownBy(() -> VendorMappingLoader.load(yaml("""
                name: bad-v1
                event: {zone: /z}
                codes: {X: {class: alarm, category: fire, priority: 1, description: X}}
                """), "test")).hasMessageContaining("code field must be mapped");
        assertThatThrownBy(() -> VendorMappingLoader.load(yaml("""
                name: Bad Name
                event: {code: /c}
                codes: {X: {class: alarm, category: fire, priority: 1, description: X}}
                """), "test")).hasMessageContaining("name must match");
        assertThatThrownBy(() -> VendorMappingLoader.load(yaml("""
                name: bad-v1
                event: {code: /c}
                codes: {X: {class: alarm, category: fire, priority: 9, description: X}}
                """), "test")).hasMessageContaining("priority");
    }

    @Test
    void theFileNameMustMatchTheMappingName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.yaml"), """
                name: acme-x
                event: {code: /c}
                codes: {X: {class: alarm, category: fire, priority: 1, description: X}}
                """);
        assertThatThrownBy(() -> VendorMappings.loadDirectory(dir)).hasMessageContaining("must equal the file name");
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
