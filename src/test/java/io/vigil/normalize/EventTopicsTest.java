package io.vigil.normalize;

import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTopicsTest {
    private final EventTopics topics = EventTopics.defaults();

    @Test
    void alarmishClassesGoToTheAlarmTopic() {
        for (String cid : new String[] {"1131", "3131", "1301", "1401", "3401", "1570", "1602", "6110", "1147"}) {
            CanonicalEvent event = single(ContentTypes.CONTACT_ID, "1234 18 " + cid + " 01 001");
            assertThat(topics.route(event)).as("CID %s", cid).extracting(RoutedEvent::topic).containsExactly("events.alarm");
        }
    }

    @Test
    void otherClassesHaveTheirOwnTopic() {
        assertThat(topicsOf(single(ContentTypes.HEARTBEAT, ""))).containsExactly("events.heartbeat");
        assertThat(topicsOf(single(ContentTypes.CONTACT_ID, "1234 18 1421 01 001"))).containsExactly("events.security");
        assertThat(topicsOf(single(ContentTypes.SENSOR_JSON, "{\"readings\":{\"humidity\":40}}")))
                .containsExactly("events.sensor");
    }

    @Test
    void locationGoesRoundedToTheGeneralTopicAndPreciseToTheRestrictedOne() {
        CanonicalEvent event = single(ContentTypes.OWNTRACKS_JSON,
                "{\"_type\":\"location\",\"lat\":52.516275,\"lon\":13.377704,\"acc\":8,\"tst\":1740823200}");

        List<RoutedEvent> routed = topics.route(event);

        assertThat(routed).extracting(RoutedEvent::topic).containsExactly("events.location", "events.location.precise");
        CanonicalEvent.LocationData general = routed.get(0).event().location();
        assertThat(general.lat()).isEqualTo(52.52);
        assertThat(general.lon()).isEqualTo(13.38);
        assertThat(general.accuracy()).isEqualTo(1113.0);
        assertThat(general.precise()).isFalse();
        assertThat(routed.get(0).event().eventId()).isEqualTo(event.eventId());
        assertThat(routed.get(1).event()).isSameAs(event);
    }

    @Test
    void precisionIsConfigurable() {
        CanonicalEvent event = single(ContentTypes.OWNTRACKS_JSON,
                "{\"_type\":\"location\",\"lat\":-33.868820,\"lon\":151.209296,\"tst\":1740823200}");

        CanonicalEvent.LocationData coarse = new LocationPrivacy(1).rounded(event).location();

        assertThat(coarse.lat()).isEqualTo(-33.9);
        assertThat(coarse.lon()).isEqualTo(151.2);
        assertThat(coarse.accuracy()).isEqualTo(11132.0);
    }

    @Test
    void topicNamesComeFromConfig() {
        EventTopics custom = new EventTopics(new TopicNames("a", "s", "l", "lp", "h", "sec"), LocationPrivacy.defaults());
        assertThat(custom.route(single(ContentTypes.HEARTBEAT, ""))).extracting(RoutedEvent::topic).containsExactly("h");
    }

    private List<String> topicsOf(CanonicalEvent event) {
        return topics.route(event).stream().map(RoutedEvent::topic).toList();
    }
}
