package io.vigil.normalize;

import java.util.List;

/**
 * Decides where an event is published. Alarm-ish classes go to the alarm topic; sensor readings,
 * heartbeats and security events to their own; a located event goes twice: rounded to the location
 * topic and precise to the restricted precise topic. No event with precise coordinates ever goes to
 * a general topic.
 */
public final class EventTopics {
    private final TopicNames topics;
    private final LocationPrivacy privacy;

    public EventTopics(TopicNames topics, LocationPrivacy privacy) {
        this.topics = topics;
        this.privacy = privacy;
    }

    public static EventTopics defaults() {
        return new EventTopics(TopicNames.defaults(), LocationPrivacy.defaults());
    }

    public List<RoutedEvent> route(CanonicalEvent event) {
        if (event.eventClass() == EventClass.LOCATION) {
            return List.of(new RoutedEvent(topics.location(), privacy.rounded(event)),
                    new RoutedEvent(topics.locationPrecise(), event));
        }
        return List.of(new RoutedEvent(topicFor(event.eventClass()), privacy.rounded(event)));
    }

    private String topicFor(EventClass eventClass) {
        return switch (eventClass) {
            case SENSOR -> topics.sensor();
            case HEARTBEAT -> topics.heartbeat();
            case SECURITY -> topics.security();
            case LOCATION -> topics.location();
            case ALARM, RESTORE, TROUBLE, SUPERVISORY, TEST, OPEN, CLOSE, BYPASS, STATUS -> topics.alarm();
        };
    }
}
