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

    private static final List<Role> ROLE_SPECS = List.of(
            new Role("accepted", 12, Duration.ofDays(30), false),
            new Role("quarantine", 6, Duration.ofDays(90), false),
            new Role("alarm", 12, Duration.ofDays(30), false),
            new Role("sensor", 12, Duration.ofDays(7), false),
            new Role("location", 6, Duration.ofDays(7), false),
            new Role("location-precise", 6, Duration.ofDays(1), false),
            new Role("heartbeat", 12, Duration.ofDays(1), false),
            new Role("security", 6, Duration.ofDays(90), false),
            new Role("incidents", 12, Duration.ofDays(30), false));

    /** Every role, for tools and tests that need all topic names. */
    public static final List<String> ROLES = ROLE_SPECS.stream().map(Role::key).toList();

    private VigilTopics() {}

    public static List<TopicSpec> all(VigilProperties properties) {
        List<TopicSpec> specs = new ArrayList<>();
        for (Role role : ROLE_SPECS) {
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
