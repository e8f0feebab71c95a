package io.vigil.normalize.owntracks;

import static io.vigil.normalize.TestSignals.events;
import static io.vigil.normalize.TestSignals.reason;
import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.SourceFormat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Payloads use the fields of the OwnTracks booklet, JSON chapter (_type location, transition, waypoint, lwt, ...). */
class OwnTracksDecoderTest {
    private static final String OWNTRACKS = ContentTypes.OWNTRACKS_JSON;

    @Test
    void locationKeepsPreciseCoordinatesAndDeviceTime() {
        CanonicalEvent event = single(OWNTRACKS, """
                {"_type":"location","acc":12,"alt":40,"batt":80,"bs":1,"conn":"w","lat":52.516275,"lon":13.377704,
                 "t":"u","tid":"jj","tst":1740823200,"vac":3,"vel":4,"cog":90}""");

        assertThat(event.sourceFormat()).isEqualTo(SourceFormat.OWNTRACKS);
        assertThat(event.eventClass()).isEqualTo(EventClass.LOCATION);
        assertThat(event.category()).isEqualTo(EventCategory.LOCATION);
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1740823200));
        CanonicalEvent.LocationData location = event.location();
        assertThat(location.lat()).isEqualTo(52.516275);
        assertThat(location.lon()).isEqualTo(13.377704);
        assertThat(location.precise()).isTrue();
        assertThat(location.accuracy()).isEqualTo(12.0);
        assertThat(location.altitude()).isEqualTo(40.0);
        assertThat(location.velocity()).isEqualTo(4.0);
        assertThat(location.course()).isEqualTo(90.0);
        assertThat(location.battery()).isEqualTo(80);
        assertThat(location.trigger()).isEqualTo("u");
        assertThat(location.trackerId()).isEqualTo("jj");
    }

    @Test
    void transitionNamesTheRegion() {
        CanonicalEvent event = single(OWNTRACKS, """
                {"_type":"transition","wtst":1740000000,"lat":52.5,"lon":13.4,"tst":1740823200,"acc":20,
                 "tid":"jj","event":"leave","desc":"Home","t":"c","rid":"a1b2"}""");

        assertThat(event.eventClass()).isEqualTo(EventClass.LOCATION);
        assertThat(event.description()).isEqualTo("Left region");
        assertThat(event.location().region()).isEqualTo("Home");
        assertThat(event.location().regionEvent()).isEqualTo("leave");
    }

    @Test
    void waypointsBecomeOneEventEach() {
        List<CanonicalEvent> events = events(OWNTRACKS, """
                {"_type":"waypoints","waypoints":[
                  {"_type":"waypoint","desc":"Office","lat":48.1,"lon":11.5,"rad":100,"tst":1740000000},
                  {"_type":"waypoint","desc":"Home","lat":48.2,"lon":11.6,"rad":50,"tst":1740000001}]}""");

        assertThat(events).extracting(e -> e.location().region()).containsExactly("Office", "Home");
        assertThat(events).extracting(e -> e.location().radius()).containsExactly(100.0, 50.0);
    }

    @Test
    void lastWillIsASupervisoryEvent() {
        CanonicalEvent event = single(OWNTRACKS, "{\"_type\":\"lwt\",\"tst\":1740823200}");

        assertThat(event.eventClass()).isEqualTo(EventClass.SUPERVISORY);
        assertThat(event.category()).isEqualTo(EventCategory.COMMS);
        assertThat(event.code()).isEqualTo("lwt");
        assertThat(event.location()).isNull();
    }

    @Test
    void encryptedPayloadsGoToQuarantine() {
        assertThat(reason(OWNTRACKS, "{\"_type\":\"encrypted\",\"data\":\"7U0d3l6XgFw=\"}")).isEqualTo("owntracks.encrypted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"card", "cmd", "configuration", "steps", "status"})
    void payloadsWithoutAnEventYieldNone(String type) {
        assertThat(events(OWNTRACKS, "{\"_type\":\"" + type + "\",\"name\":\"Jane\"}")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"_type\":\"teleport\"}; owntracks.unsupported_type",
        "{\"lat\":1}; owntracks.missing_type",
        "{\"_type\":5}; owntracks.missing_type",
        "{\"_type\":\"location\",\"lat\":91,\"lon\":0,\"tst\":1}; owntracks.bad_field",
        "{\"_type\":\"location\",\"lat\":1,\"lon\":-181,\"tst\":1}; owntracks.bad_field",
        "{\"_type\":\"location\",\"lat\":1,\"lon\":1}; owntracks.bad_field",
        "{\"_type\":\"location\",\"lat\":\"1e1\",\"lon\":1,\"tst\":1}; owntracks.bad_field",
        "{\"_type\":\"location\",\"lat\":\"north\",\"lon\":1,\"tst\":1}; owntracks.bad_field",
        "{\"_type\":\"location\",\"lat\":1,\"lon\":1,\"tst\":\"1.5\"}; owntracks.bad_field",
        "{\"_type\":\"location\",\"lat\":1,\"lon\":1,\"tst\":1,\"batt\":-2}; owntracks.bad_field",
        "{\"_type\":\"location\",\"lat\":1,\"lon\":1,\"tst\":1.5}; owntracks.bad_field",
        "{\"_type\":\"location\",\"lat\":1,\"lon\":1,\"tst\":1,\"batt\":101}; owntracks.bad_field",
        "{\"_type\":\"transition\",\"lat\":1,\"lon\":1,\"tst\":1,\"event\":\"hover\"}; owntracks.bad_field",
        "{\"_type\":\"waypoints\",\"waypoints\":{}}; owntracks.bad_field",
        "[]; owntracks.bad_field",
        "{; owntracks.malformed_json"
    })
    void malformedPayloadsAreUndecodable(String body, String expectedReason) {
        assertThat(reason(OWNTRACKS, body)).isEqualTo(expectedReason);
    }

    @Test
    void numbersSentAsTextAreReadAndNamed() {
        CanonicalEvent event = single(OWNTRACKS, "{\"_type\":\"waypoint\",\"desc\":\"Cafe\",\"lat\":48.87069,"
                + "\"lon\":2.34916,\"rad\":\"50\",\"tst\":\"1385997757\"}");
        assertThat(event.location().radius()).isEqualTo(50.0);
        assertThat(event.occurredAt()).isEqualTo(java.time.Instant.ofEpochSecond(1385997757L));
        assertThat(event.decoding()).containsEntry("owntracks.form", "numbers-as-text");
    }

    @Test
    void batteryMinusOneIsAnUnknownLevel() {
        CanonicalEvent event = single(OWNTRACKS, "{\"batt\":-1,\"lon\":2.29513,\"lat\":48.85833,\"t\":\"u\","
                + "\"tst\":1441984413,\"_type\":\"location\",\"tid\":\"JJ\"}");
        assertThat(event.location().battery()).isNull();
        assertThat(event.decoding()).containsEntry("owntracks.battery", "unknown");
    }
}
