package io.vigil.normalize.vendor;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and validates one mapping file (YAML). Mistakes fail at startup, never per message. */
public final class VendorMappingLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL = Set.of("name", "description", "events", "document", "event",
            "occurred_at_unit", "codes", "unknown_code");

    private VendorMappingLoader() {}

    public static VendorMapping load(InputStream yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": a mapping is a YAML mapping (key: value)");
        }
        rejectUnknownKeys(root, TOP_LEVEL, origin);
        String name = text(root, "name", origin);
        if (!VendorMappings.isValidName(name)) {
            throw new IllegalArgumentException(origin + ": name must match [a-z0-9][a-z0-9._-]{0,63}");
        }
        String description = root.path("description").asText(name);
        JsonPointer events = root.hasNonNull("events") ? pointer(root.get("events").asText(), origin) : null;
        Map<VendorMapping.Field, JsonPointer> documentFields = fields(root.path("document"), origin);
        Map<VendorMapping.Field, JsonPointer> eventFields = fields(root.path("event"), origin);
        if (!documentFields.containsKey(VendorMapping.Field.CODE) && !eventFields.containsKey(VendorMapping.Field.CODE)) {
            throw new IllegalArgumentException(origin + ": the code field must be mapped (document or event)");
        }
        VendorMapping.TimeUnit unit = VendorMapping.TimeUnit.valueOf(
                root.path("occurred_at_unit").asText("seconds").toUpperCase(Locale.ROOT));
        Map<String, VendorMapping.CodeMeaning> codes = new HashMap<>();
        JsonNode codeNodes = root.path("codes");
        if (!codeNodes.isObject() || codeNodes.isEmpty()) {
            throw new IllegalArgumentException(origin + ": codes must map at least one vendor code");
        }
        codeNodes.properties().forEach(e -> codes.put(e.getKey(), meaning(e.getValue(), origin + " codes." + e.getKey())));
        VendorMapping.CodeMeaning unknown = root.has("unknown_code")
                ? meaning(root.get("unknown_code"), origin + " unknown_code")
                : new VendorMapping.CodeMeaning(EventClass.ALARM, EventCategory.UNKNOWN, 3, "Unknown " + name + " event",
                        Qualifier.EVENT);
        return new VendorMapping(name, description, events, documentFields, eventFields, unit, Map.copyOf(codes), unknown);
    }

    private static Map<VendorMapping.Field, JsonPointer> fields(JsonNode node, String origin) {
        Map<VendorMapping.Field, JsonPointer> fields = new EnumMap<>(VendorMapping.Field.class);
        if (node.isMissingNode() || node.isNull()) {
            return fields;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(origin + ": document/event must map field names to JSON Pointers");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            VendorMapping.Field field;
            try {
                field = VendorMapping.Field.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknownField) {
                throw new IllegalArgumentException(origin + ": unknown canonical field '" + e.getKey() + "'", unknownField);
            }
            fields.put(field, pointer(e.getValue().asText(), origin));
        }
        return fields;
    }

    private static VendorMapping.CodeMeaning meaning(JsonNode node, String origin) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(origin + ": must be {class, category, priority, description}");
        }
        rejectUnknownKeys(node, Set.of("class", "category", "priority", "description", "qualifier"), origin);
        EventClass eventClass = EventClass.fromWireName(text(node, "class", origin));
        EventCategory category = EventCategory.fromWireName(text(node, "category", origin));
        int priority = node.path("priority").asInt(0);
        Qualifier qualifier = node.has("qualifier") ? Qualifier.fromWireName(node.get("qualifier").asText())
                : eventClass == EventClass.RESTORE ? Qualifier.RESTORE : Qualifier.EVENT;
        if (eventClass == null || category == null || priority < 1 || priority > 5 || qualifier == null) {
            throw new IllegalArgumentException(origin + ": class, category, qualifier must be canonical values and "
                    + "priority 1..5");
        }
        return new VendorMapping.CodeMeaning(eventClass, category, priority, text(node, "description", origin), qualifier);
    }

    private static JsonPointer pointer(String text, String origin) {
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": '" + text + "' is not a JSON Pointer (RFC 6901)", e);
        }
    }

    private static String text(JsonNode node, String field, String origin) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(origin + ": '" + field + "' is required");
        }
        return value.asText();
    }

    private static void rejectUnknownKeys(JsonNode node, Set<String> allowed, String origin) {
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "'");
            }
        });
    }
}
