package io.vigil.normalize;

/** Kafka topic names for canonical events (docs/topics.md); {@link #defaults()} are the shipped names. */
public record TopicNames(String alarm, String sensor, String location, String locationPrecise, String heartbeat,
                         String security) {

    public static TopicNames defaults() {
        return new TopicNames("events.alarm", "events.sensor", "events.location", "events.location.precise",
                "events.heartbeat", "events.security");
    }
}
