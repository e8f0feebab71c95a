package io.vigil.normalize.owntracks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.DecodeResult;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.MediaType;
import io.vigil.normalize.SafeText;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.SignalDecoder;
import io.vigil.normalize.SourceFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code application/vnd.vigil.owntracks+json}: the OwnTracks JSON payloads (booklet "JSON" chapter).
 * {@code location}, {@code transition}, {@code waypoint(s)} become {@code location} events with precise
 * coordinates (the rounded copy is made at routing, see {@code LocationPrivacy}); {@code lwt} is a
 * supervisory event. Payloads that carry no event ({@code card}, {@code cmd}, ...) yield none.
 * Encrypted payloads are not decrypted: no per-site key support yet, so they are undecodable.
 */
public final class OwnTracksDecoder implements SignalDecoder {
    public static final int MAX_WAYPOINTS = 100;
    private static final int MAX_SHORT_TEXT = 16;
    private static final int MAX_REGION_TEXT = 128;
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final double BATTERY_UNKNOWN = -1;
    /** Fields read as numbers; the booklet shows waypoints with some of them as JSON text. */
    private static final List<String> NUMERIC_FIELDS = List.of("lat", "lon", "acc", "alt", "vel", "cog", "batt", "rad", "tst");
    private static final Set<String> NO_EVENT_TYPES =
            Set.of("card", "cmd", "configuration", "steps", "request", "status", "dump", "beacon");

    @Override
    public DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body) {
        try {
            JsonNode document = EventJson.parse(body, "owntracks");
            if (!document.isObject()) {
                throw bad("payload must be a JSON object");
            }
            JsonNode type = document.get("_type");
            if (type == null || !type.isTextual()) {
                throw new MalformedSignalException("owntracks.missing_type", "payload has no _type");
            }
            return DecodeResult.of(switch (type.textValue()) {
                case "location" -> List.of(location(document));
                case "transition" -> List.of(transition(document));
                case "waypoint" -> List.of(waypoint(document));
                case "waypoints" -> waypoints(document);
                case "lwt" -> List.of(lastWill(document));
                case "encrypted" -> throw new MalformedSignalException("owntracks.encrypted",
                        "encrypted OwnTracks payloads are not supported: no decryption key is configured for this site");
                default -> {
                    if (NO_EVENT_TYPES.contains(type.textValue())) {
                        yield List.of();
                    }
                    throw new MalformedSignalException("owntracks.unsupported_type",
                            "_type " + SafeText.quote(type.textValue(), 24) + " is not supported");
                }
            });
        } catch (MalformedSignalException e) {
            return DecodeResult.failed(e);
        }
    }

    private static EventDraft location(JsonNode doc) {
        CanonicalEvent.LocationData location = new CanonicalEvent.LocationData(
                latitude(doc), longitude(doc), optionalNumber(doc, "acc"), optionalNumber(doc, "alt"),
                optionalNumber(doc, "vel"), optionalNumber(doc, "cog"), battery(doc), shortText(doc, "t"),
                shortText(doc, "tid"), null, null, null, true);
        EventDraft draft = forms(doc, locationDraft("Location report", location, requiredTime(doc, "tst")));
        if (batteryUnknown(doc)) {
            draft.decoding("owntracks.battery", "unknown");
        }
        return draft;
    }

    private static EventDraft transition(JsonNode doc) {
        String event = shortText(doc, "event");
        if (!"enter".equals(event) && !"leave".equals(event)) {
            throw bad("transition event must be enter or leave");
        }
        String region = text(doc, "desc", MAX_REGION_TEXT);
        CanonicalEvent.LocationData location = new CanonicalEvent.LocationData(
                latitude(doc), longitude(doc), optionalNumber(doc, "acc"), null, null, null, null,
                shortText(doc, "t"), shortText(doc, "tid"), region, event, null, true);
        return forms(doc, locationDraft(event.equals("enter") ? "Entered region" : "Left region", location,
                requiredTime(doc, "tst")));
    }

    private static EventDraft waypoint(JsonNode doc) {
        CanonicalEvent.LocationData location = new CanonicalEvent.LocationData(
                latitude(doc), longitude(doc), null, null, null, null, null, null, null,
                text(doc, "desc", MAX_REGION_TEXT), null, optionalNumber(doc, "rad"), true);
        return forms(doc, locationDraft("Region defined", location, optionalTime(doc, "tst")));
    }

    private static List<EventDraft> waypoints(JsonNode doc) {
        JsonNode list = doc.get("waypoints");
        if (list == null || !list.isArray()) {
            throw bad("waypoints must be an array");
        }
        if (list.size() > MAX_WAYPOINTS) {
            throw bad("at most " + MAX_WAYPOINTS + " waypoints");
        }
        List<EventDraft> drafts = new ArrayList<>(list.size());
        for (JsonNode waypoint : list) {
            if (!waypoint.isObject()) {
                throw bad("each waypoint must be an object");
            }
            drafts.add(waypoint(waypoint));
        }
        return drafts;
    }

    private static EventDraft lastWill(JsonNode doc) {
        return new EventDraft(SourceFormat.OWNTRACKS, EventClass.SUPERVISORY, EventCategory.COMMS, 4,
                "Device connection lost (OwnTracks last will)")
                .code("lwt", true)
                .occurredAt(optionalTime(doc, "tst"));
    }

    private static EventDraft locationDraft(String description, CanonicalEvent.LocationData location, Instant time) {
        return new EventDraft(SourceFormat.OWNTRACKS, EventClass.LOCATION, EventCategory.LOCATION, 5, description)
                .location(location)
                .occurredAt(time);
    }

    private static double latitude(JsonNode doc) {
        double lat = requiredNumber(doc, "lat");
        if (lat < -90 || lat > 90) {
            throw bad("lat must be within -90..90");
        }
        return lat;
    }

    private static double longitude(JsonNode doc) {
        double lon = requiredNumber(doc, "lon");
        if (lon < -180 || lon > 180) {
            throw bad("lon must be within -180..180");
        }
        return lon;
    }

    /** Records the numbers-as-text form when any numeric field came as JSON text. */
    private static EventDraft forms(JsonNode doc, EventDraft draft) {
        for (String field : NUMERIC_FIELDS) {
            JsonNode node = doc.get(field);
            if (node != null && node.isTextual()) {
                return draft.decoding("owntracks.form", "numbers-as-text");
            }
        }
        return draft;
    }

    /** The apps send {@code batt: -1} when the level is unknown. */
    private static boolean batteryUnknown(JsonNode doc) {
        Double batt = optionalNumber(doc, "batt");
        return batt != null && batt == BATTERY_UNKNOWN;
    }

    private static Integer battery(JsonNode doc) {
        Double batt = optionalNumber(doc, "batt");
        if (batt == null || batt == BATTERY_UNKNOWN) {
            return null;
        }
        if (batt < 0 || batt > 100) {
            throw bad("batt must be within 0..100");
        }
        return (int) Math.round(batt);
    }

    private static double requiredNumber(JsonNode doc, String field) {
        Double value = optionalNumber(doc, field);
        if (value == null) {
            throw bad(field + " is required");
        }
        return value;
    }

    private static Double optionalNumber(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() && isDecimal(node.textValue(), true)) {
            return Double.parseDouble(node.textValue());
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw bad(field + " must be a finite number");
        }
        return node.doubleValue();
    }

    /** {@code -?digits(.digits)?}, at most 32 characters: the only numbers accepted as text. */
    private static boolean isDecimal(String text, boolean fraction) {
        if (text.isEmpty() || text.length() > 32) {
            return false;
        }
        int i = fraction && text.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && fraction && !point && digits > 0 && i + 1 < text.length()) {
                point = true;
            } else {
                return false;
            }
        }
        return digits > 0;
    }

    private static String shortText(JsonNode doc, String field) {
        return text(doc, field, MAX_SHORT_TEXT);
    }

    private static String text(JsonNode doc, String field, int maxLength) {
        JsonNode node = doc.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().length() > maxLength) {
            throw bad(field + " must be text of at most " + maxLength + " characters");
        }
        return node.textValue();
    }

    private static Instant requiredTime(JsonNode doc, String field) {
        Instant time = optionalTime(doc, field);
        if (time == null) {
            throw bad(field + " is required");
        }
        return time;
    }

    private static Instant optionalTime(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        long seconds;
        if (node.isTextual() && isDecimal(node.textValue(), false) && node.textValue().length() <= 12) {
            seconds = Long.parseLong(node.textValue());
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            seconds = node.longValue();
        } else {
            throw bad(field + " must be epoch seconds");
        }
        if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
            throw bad(field + " must be epoch seconds");
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static MalformedSignalException bad(String detail) {
        return new MalformedSignalException("owntracks.bad_field", detail);
    }
}
