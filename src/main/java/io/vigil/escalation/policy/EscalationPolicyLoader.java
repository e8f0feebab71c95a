package io.vigil.escalation.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.config.ConfigException;
import io.vigil.config.VigilProperties;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads {@code config/escalation-policy.yaml} into an {@link EscalationPolicy}. Every mistake
 * (unknown key, unknown category, bad duration, a life-safety category that a restore would
 * finish) fails at startup with the path of the offending field, never per event.
 */
public final class EscalationPolicyLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("version", "incident-classes", "correlation", "restore",
            "categories", "escalation", "confirmation", "runaway", "supervision", "reminders");

    private EscalationPolicyLoader() {}

    public static EscalationPolicy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read the escalation policy " + file + ": " + e.getMessage());
        }
    }

    public static EscalationPolicy load(InputStream yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getMessage());
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + e.getMessage());
        }
    }

    private static EscalationPolicy parse(JsonNode root) {
        requireObject(root, "the policy", TOP);
        if (root.path("version").asInt(-1) != 1) {
            throw new IllegalArgumentException("version: must be 1");
        }
        Set<EventClass> classes = EnumSet.noneOf(EventClass.class);
        for (JsonNode item : array(root, "incident-classes")) {
            EventClass eventClass = EventClass.fromWireName(item.asText());
            if (eventClass == null) {
                throw new IllegalArgumentException("incident-classes: unknown class " + item.asText());
            }
            classes.add(eventClass);
        }
        JsonNode correlation = requireObject(root.path("correlation"), "correlation", Set.of("window"));
        Duration window = duration(correlation, "window", "correlation.window");

        JsonNode restore = requireObject(root.path("restore"), "restore", Set.of("default"));
        RestorePolicy defaultRestore = restorePolicy(restore.path("default"), "restore.default");

        Map<EventCategory, CategoryPolicy> categories = new EnumMap<>(EventCategory.class);
        JsonNode categoryNodes = root.path("categories");
        if (!categoryNodes.isMissingNode()) {
            requireObject(categoryNodes, "categories", null);
            for (Iterator<Map.Entry<String, JsonNode>> it = categoryNodes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "categories." + entry.getKey();
                EventCategory category = EventCategory.fromWireName(entry.getKey());
                if (category == null) {
                    throw new IllegalArgumentException(path + ": unknown category (see docs/events.md)");
                }
                JsonNode node = requireObject(entry.getValue(), path, Set.of("priority", "restore"));
                OptionalInt priority = node.has("priority")
                        ? OptionalInt.of(priority(node.get("priority"), path + ".priority")) : OptionalInt.empty();
                RestorePolicy policy = node.has("restore")
                        ? restorePolicy(node.get("restore"), path + ".restore") : defaultRestore;
                categories.put(category, new CategoryPolicy(priority, policy));
            }
        }

        JsonNode escalation = requireObject(root.path("escalation"), "escalation", Set.of("1", "2", "3", "4", "5"));
        List<EscalationTimer> timers = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            String path = "escalation." + p;
            JsonNode node = requireObject(escalation.path(Integer.toString(p)), path, Set.of("after", "steps"));
            timers.add(new EscalationTimer(duration(node, "after", path + ".after"),
                    integer(node, "steps", path + ".steps")));
        }

        JsonNode confirmationNode = requireObject(root.path("confirmation"), "confirmation",
                Set.of("categories", "window", "priority"));
        Set<EventCategory> confirmed = EnumSet.noneOf(EventCategory.class);
        for (JsonNode item : array(confirmationNode, "categories")) {
            EventCategory category = EventCategory.fromWireName(item.asText());
            if (category == null) {
                throw new IllegalArgumentException("confirmation.categories: unknown category " + item.asText());
            }
            confirmed.add(category);
        }
        ConfirmationPolicy confirmation = new ConfirmationPolicy(confirmed,
                duration(confirmationNode, "window", "confirmation.window"),
                priority(confirmationNode.path("priority"), "confirmation.priority"));

        JsonNode runawayNode = requireObject(root.path("runaway"), "runaway", Set.of("burst", "refill-every"));
        RunawayPolicy runaway = new RunawayPolicy(integer(runawayNode, "burst", "runaway.burst"),
                duration(runawayNode, "refill-every", "runaway.refill-every"));

        JsonNode supervision = requireObject(root.path("supervision"), "supervision", Set.of("priority"));
        int supervisionPriority = priority(supervision.path("priority"), "supervision.priority");

        return new EscalationPolicy(classes, window, defaultRestore, categories, timers, confirmation, runaway,
                supervisionPriority, reminders(root.path("reminders")));
    }

    private static ReminderPolicy reminders(JsonNode node) {
        if (node.isMissingNode()) {
            return ReminderPolicy.NONE;
        }
        requireObject(node, "reminders", Set.of("tiers", "1", "2", "3", "4", "5"));
        List<String> tiers = new ArrayList<>();
        for (JsonNode tier : array(node, "tiers")) {
            if (!tier.isTextual() || !tier.asText().matches("[a-z][a-z0-9_-]{0,63}")) {
                throw new IllegalArgumentException("reminders.tiers: each tier is a name like operator or supervisors");
            }
            tiers.add(tier.asText());
        }
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("reminders.tiers: name at least one tier");
        }
        List<List<Duration>> after = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            String path = "reminders." + p;
            List<Duration> times = new ArrayList<>();
            for (JsonNode item : array(node, Integer.toString(p))) {
                try {
                    times.add(VigilProperties.parseDuration(item.asText()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(path + ": not a duration: " + item.asText());
                }
            }
            if (times.size() != tiers.size()) {
                throw new IllegalArgumentException(path + ": one time per tier (" + tiers.size() + ")");
            }
            for (int i = 0; i < times.size(); i++) {
                if (times.get(i).isNegative() || times.get(i).isZero() || (i > 0 && times.get(i).compareTo(times.get(i - 1)) <= 0)) {
                    throw new IllegalArgumentException(path + ": times are positive and increase from tier to tier");
                }
            }
            after.add(times);
        }
        return new ReminderPolicy(tiers, after);
    }

    private static JsonNode requireObject(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + ": must be a mapping (key: value)");
        }
        if (allowed != null) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException(path + ": unknown key " + name);
                }
            }
        }
        return node;
    }

    private static Iterable<JsonNode> array(JsonNode parent, String name) {
        JsonNode node = parent.path(name);
        if (!node.isArray()) {
            throw new IllegalArgumentException(name + ": must be a list");
        }
        return node;
    }

    private static Duration duration(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (!node.isValueNode()) {
            throw new IllegalArgumentException(path + ": a duration is required (30s, 5m, PT1H, ...)");
        }
        try {
            return VigilProperties.parseDuration(node.asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + ": not a duration: " + node.asText());
        }
    }

    private static int integer(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (!node.isInt()) {
            throw new IllegalArgumentException(path + ": an integer is required");
        }
        return node.asInt();
    }

    private static int priority(JsonNode node, String path) {
        if (!node.isInt() || node.asInt() < 1 || node.asInt() > 5) {
            throw new IllegalArgumentException(path + ": a priority is an integer from 1 (highest) to 5");
        }
        return node.asInt();
    }

    private static RestorePolicy restorePolicy(JsonNode node, String path) {
        RestorePolicy policy = node.isTextual() ? RestorePolicy.fromWireName(node.asText()) : null;
        if (policy == null) {
            throw new IllegalArgumentException(path + ": must be operator, auto_resolve or auto_close");
        }
        return policy;
    }
}
