package io.vigil.feeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the two input contracts: incident changes (spec version 1) and canonical security events.
 * Unknown fields are ignored (producers may add fields); a record missing a required field or with
 * a field of the wrong type is malformed.
 */
public final class FeedRecordReader {

    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private FeedRecordReader() {}

    public static IncidentChange incident(byte[] value) throws MalformedFeedRecordException {
        ObjectNode json = object(value);
        Fields f = new Fields(json);
        return new IncidentChange(
                f.text("change_id", true), f.text("change", true), f.time("changed_at", true),
                f.text("incident_id", true), f.text("site_id", true), f.textOr("category", "unknown"),
                f.priority(), f.text("state", false), f.integer("escalation_level"), f.bool("confirmed"),
                f.bool("runaway"), f.text("title", false), f.time("opened_at", false), f.time("first_event_at", false),
                f.time("last_event_at", false), f.integer("event_count"), f.texts("zones"),
                f.text("last_event_id", false), f.text("operator", false), f.text("note", false), json);
    }

    public static SecurityEvent securityEvent(byte[] value) throws MalformedFeedRecordException {
        ObjectNode json = object(value);
        Fields f = new Fields(json);
        return new SecurityEvent(
                f.text("event_id", true), f.text("site_id", true), f.text("device_id", false),
                f.text("source_format", false), f.text("class", true), f.text("category", true),
                f.text("code", false), f.text("zone", false), f.text("area", false), f.text("user", false),
                f.priority(), f.text("description", true), f.text("text", false), f.time("occurred_at", true),
                f.time("received_at", false), json);
    }

    private static ObjectNode object(byte[] value) throws MalformedFeedRecordException {
        if (value == null) {
            throw new MalformedFeedRecordException("no value");
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedFeedRecordException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedFeedRecordException("unreadable: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedFeedRecordException("not a JSON object");
        }
        return object;
    }

    /** Typed access to the fields of one record. */
    private record Fields(ObjectNode json) {

        String text(String name, boolean required) throws MalformedFeedRecordException {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    throw new MalformedFeedRecordException("missing " + name);
                }
                return null;
            }
            if (!node.isTextual()) {
                throw new MalformedFeedRecordException(name + " is not text");
            }
            String text = node.textValue();
            if (required && text.isEmpty()) {
                throw new MalformedFeedRecordException(name + " is empty");
            }
            return text.isEmpty() ? null : text;
        }

        String textOr(String name, String fallback) throws MalformedFeedRecordException {
            String text = text(name, false);
            return text == null ? fallback : text;
        }

        Integer integer(String name) throws MalformedFeedRecordException {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                throw new MalformedFeedRecordException(name + " is not an integer");
            }
            return node.intValue();
        }

        Boolean bool(String name) throws MalformedFeedRecordException {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                throw new MalformedFeedRecordException(name + " is not a boolean");
            }
            return node.booleanValue();
        }

        int priority() throws MalformedFeedRecordException {
            Integer priority = integer("priority");
            if (priority == null || priority < 1 || priority > 5) {
                throw new MalformedFeedRecordException("priority must be 1..5");
            }
            return priority;
        }

        Instant time(String name, boolean required) throws MalformedFeedRecordException {
            String text = text(name, required);
            if (text == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new MalformedFeedRecordException(name + " is not an RFC 3339 time");
            }
        }

        List<String> texts(String name) throws MalformedFeedRecordException {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new MalformedFeedRecordException(name + " is not an array");
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new MalformedFeedRecordException(name + " holds a value that is not text");
                }
                texts.add(item.textValue());
            }
            return texts;
        }
    }
}
