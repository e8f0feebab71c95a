package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events from every decoder conform to docs/schema/canonical-event.v1.json. */
class CanonicalEventSchemaTest {

    @Test
    void everyDecoderProducesSchemaValidEvents() {
        List<CanonicalEvent> events = new ArrayList<>();
        events.addAll(TestSignals.events(ContentTypes.CONTACT_ID, "1234 18 1131 01 015"));
        events.addAll(TestSignals.events(ContentTypes.CONTACT_ID, "1234 18 3401 01 007"));
        events.addAll(TestSignals.events(ContentTypes.CONTACT_ID, "1234 18 1999 01 007"));
        events.addAll(TestSignals.events(ContentTypes.SIA_DCS, "#1234|Nri1/BA01/BR01/ZX9^note^"));
        events.addAll(TestSignals.events(ContentTypes.DC09,
                "CE110032\"SIA-DCS\"9876R579BDFL789ABC#12345A[#12345A|NFA129]"));
        events.addAll(TestSignals.events(ContentTypes.DC09, "09330017\"NULL\"0000R0L0#12345A[]"));
        events.addAll(TestSignals.events(ContentTypes.VENDOR_JSON + "; mapping=acme-panel-v1",
                "{\"panel\":{\"account\":\"4711\"},\"events\":[{\"type\":\"FIRE\",\"zone\":2,\"label\":\"Hall\"},"
                        + "{\"type\":\"NOPE\",\"time\":1740823200}]}"));
        events.addAll(TestSignals.events(ContentTypes.SENSOR_JSON,
                "{\"time\":\"2025-06-01T10:00:00+02:00\",\"readings\":{\"temperature\":70,\"tamper\":true,\"state\":\"ok\"}}"));
        events.addAll(TestSignals.events(ContentTypes.OWNTRACKS_JSON,
                "{\"_type\":\"location\",\"lat\":52.5,\"lon\":13.4,\"tst\":1740823200,\"acc\":5,\"batt\":50,\"t\":\"p\"}"));
        events.addAll(TestSignals.events(ContentTypes.OWNTRACKS_JSON,
                "{\"_type\":\"transition\",\"lat\":52.5,\"lon\":13.4,\"tst\":1740823200,\"event\":\"enter\",\"desc\":\"Home\"}"));
        events.addAll(TestSignals.events(ContentTypes.OWNTRACKS_JSON, "{\"_type\":\"lwt\",\"tst\":1740823200}"));
        events.addAll(TestSignals.events(ContentTypes.HEARTBEAT, ""));
        List<CanonicalEvent> routedCopies = events.stream()
                .flatMap(e -> EventTopics.defaults().route(e).stream()).map(RoutedEvent::event).toList();

        assertThat(events).hasSizeGreaterThan(14);
        for (CanonicalEvent event : concat(events, routedCopies)) {
            assertThat(CanonicalEventSchema.violations(event)).as("violations of %s", EventJson.write(event)).isEmpty();
        }
    }

    @Test
    void theSchemaRejectsEventsThatBreakTheContract() {
        ObjectNode valid = EventJson.MAPPER.valueToTree(TestSignals.single(ContentTypes.CONTACT_ID, "1234 18 1131 01 015"));

        assertThat(CanonicalEventSchema.violations(valid)).isEmpty();
        assertThat(CanonicalEventSchema.violations(valid.deepCopy().put("class", "explosion"))).isNotEmpty();
        assertThat(CanonicalEventSchema.violations(valid.deepCopy().put("priority", 0))).isNotEmpty();
        assertThat(CanonicalEventSchema.violations(valid.deepCopy().put("occurred_at", "yesterday"))).isNotEmpty();
        assertThat(CanonicalEventSchema.violations(valid.deepCopy().put("extra", 1))).isNotEmpty();
        ObjectNode withoutId = valid.deepCopy();
        withoutId.remove("event_id");
        assertThat(CanonicalEventSchema.violations(withoutId)).isNotEmpty();
    }

    private static List<CanonicalEvent> concat(List<CanonicalEvent> a, List<CanonicalEvent> b) {
        List<CanonicalEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
