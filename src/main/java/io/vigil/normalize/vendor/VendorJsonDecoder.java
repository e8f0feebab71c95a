package io.vigil.normalize.vendor;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.normalize.DecodeResult;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.MediaType;
import io.vigil.normalize.SafeText;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.SignalDecoder;
import io.vigil.normalize.SourceFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code application/vnd.vigil.vendor+json; mapping=<name>}: vendor JSON through a mapping file. */
public final class VendorJsonDecoder implements SignalDecoder {
    public static final int MAX_EVENTS = 64;
    private static final int MAX_FIELD_LENGTH = 64;
    private static final int MAX_TEXT_LENGTH = 256;
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final VendorMappings mappings;

    public VendorJsonDecoder(VendorMappings mappings) {
        this.mappings = mappings;
    }

    @Override
    public DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body) {
        String name = mediaType.parameter("mapping");
        if (name == null) {
            return DecodeResult.failed("vendor.missing_mapping", "content type needs a mapping=<name> parameter");
        }
        VendorMapping mapping = mappings.find(name).orElse(null);
        if (mapping == null) {
            return DecodeResult.failed("vendor.unknown_mapping", "no vendor mapping named " + SafeText.quote(name, 64));
        }
        try {
            return DecodeResult.of(decode(mapping, EventJson.parse(body, "vendor")));
        } catch (MalformedSignalException e) {
            return DecodeResult.failed(e);
        }
    }

    static List<EventDraft> decode(VendorMapping mapping, JsonNode document) {
        List<JsonNode> elements = elements(mapping, document);
        List<EventDraft> drafts = new ArrayList<>(elements.size());
        for (JsonNode element : elements) {
            drafts.add(draft(mapping, document, element));
        }
        return drafts;
    }

    private static List<JsonNode> elements(VendorMapping mapping, JsonNode document) {
        if (mapping.events() == null) {
            if (!document.isObject()) {
                throw new MalformedSignalException("vendor.bad_field", "the document must be a JSON object");
            }
            return List.of(document);
        }
        JsonNode array = document.at(mapping.events());
        if (!array.isArray() || array.isEmpty()) {
            throw new MalformedSignalException("vendor.no_events", "no event array at " + mapping.events());
        }
        if (array.size() > MAX_EVENTS) {
            throw new MalformedSignalException("vendor.too_many_events", "at most " + MAX_EVENTS + " events per message");
        }
        List<JsonNode> elements = new ArrayList<>(array.size());
        array.forEach(elements::add);
        return elements;
    }

    private static EventDraft draft(VendorMapping mapping, JsonNode document, JsonNode element) {
        String code = field(mapping, VendorMapping.Field.CODE, document, element, MAX_FIELD_LENGTH);
        if (code == null || code.isEmpty()) {
            throw new MalformedSignalException("vendor.missing_code", "event has no code");
        }
        VendorMapping.CodeMeaning meaning = mapping.codes().get(code);
        boolean known = meaning != null;
        if (meaning == null) {
            meaning = mapping.unknownCode();
        }
        return new EventDraft(SourceFormat.VENDOR, meaning.eventClass(), meaning.category(), meaning.priority(),
                meaning.description())
                .code(code, known)
                .qualifier(meaning.qualifier())
                .account(field(mapping, VendorMapping.Field.ACCOUNT, document, element, MAX_FIELD_LENGTH))
                .zone(field(mapping, VendorMapping.Field.ZONE, document, element, MAX_FIELD_LENGTH))
                .area(field(mapping, VendorMapping.Field.AREA, document, element, MAX_FIELD_LENGTH))
                .user(field(mapping, VendorMapping.Field.USER, document, element, MAX_FIELD_LENGTH))
                .text(field(mapping, VendorMapping.Field.TEXT, document, element, MAX_TEXT_LENGTH))
                .occurredAt(occurredAt(mapping, document, element));
    }

    /** The field from the event element if mapped there, else from the document; text or integer, empty = absent. */
    private static String field(VendorMapping mapping, VendorMapping.Field field, JsonNode document, JsonNode element,
                                int maxLength) {
        JsonNode node = node(mapping, field, document, element);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new MalformedSignalException("vendor.bad_field", field.name().toLowerCase(java.util.Locale.ROOT) + " must be text or an integer");
        }
        String value = node.asText();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new MalformedSignalException("vendor.bad_field", field.name().toLowerCase(java.util.Locale.ROOT) + " longer than "
                    + maxLength + " characters");
        }
        return value;
    }

    private static JsonNode node(VendorMapping mapping, VendorMapping.Field field, JsonNode document, JsonNode element) {
        JsonPointer pointer = mapping.eventFields().get(field);
        JsonNode node = pointer == null ? null : element.at(pointer);
        if (node == null || node.isMissingNode() || node.isNull()) {
            Map<VendorMapping.Field, JsonPointer> documentFields = mapping.documentFields();
            pointer = documentFields.get(field);
            node = pointer == null ? null : document.at(pointer);
        }
        return node == null || node.isMissingNode() || node.isNull() ? null : node;
    }

    private static Instant occurredAt(VendorMapping mapping, JsonNode document, JsonNode element) {
        JsonNode node = node(mapping, VendorMapping.Field.OCCURRED_AT, document, element);
        if (node == null) {
            return null;
        }
        Instant instant;
        try {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                long value = node.asLong();
                instant = mapping.occurredAtUnit() == VendorMapping.TimeUnit.MILLIS
                        ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            } else if (node.isTextual() && node.asText().length() <= 40) {
                instant = OffsetDateTime.parse(node.asText()).toInstant();
            } else {
                throw new MalformedSignalException("vendor.bad_field", "occurred_at must be RFC 3339 text or epoch number");
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw new MalformedSignalException("vendor.bad_field", "occurred_at is not a valid time");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new MalformedSignalException("vendor.bad_field", "occurred_at outside 1970..9999");
        }
        return instant;
    }
}
