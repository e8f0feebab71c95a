package io.vigil.kafka;

import io.vigil.config.VigilProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The topics Vigil writes, read from {@code vigil.kafka.topic.<role>} (name), {@code .partitions},
 * {@code .retention} and {@code .compacted}. The roles and their defaults are listed in docs/topics.md.
 */
public final class VigilTopics {

    /** role, default partitions, default retention, compacted */
    private record Role(String key, int partitions, Duration retention, boolean compacted) {}

    private static final List<Role> ROLES = List.of(
            new Role("received", 6, Duration.ofDays(7), false));

    private VigilTopics() {}

    public static List<TopicSpec> all(VigilProperties properties) {
        List<TopicSpec> specs = new ArrayList<>();
        for (Role role : ROLES) {
            String prefix = "vigil.kafka.topic." + role.key();
            specs.add(new TopicSpec(
                    properties.get(prefix),
                    properties.getInt(prefix + ".partitions", role.partitions()),
                    properties.getDuration(prefix + ".retention", role.retention()),
                    properties.getBoolean(prefix + ".compacted", role.compacted())));
        }
        return specs;
    }
}
