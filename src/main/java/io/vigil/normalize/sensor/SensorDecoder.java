package io.vigil.normalize.sensor;

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
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code application/vnd.vigil.sensor+json}: {@code {"time": ..., "zone": ..., "readings": {...}}}.
 * Yields one {@code sensor} event with the readings, then one event per threshold condition that
 * was raised or cleared by them.
 */
public final class SensorDecoder implements SignalDecoder {
    public static final int MAX_READINGS = 64;
    private static final int MAX_STRING_READING = 64;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ThresholdEvaluator evaluator;

    public SensorDecoder(SensorConfig config, ThresholdStateStore store) {
        this.evaluator = new ThresholdEvaluator(config, store);
    }

    @Override
    public DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body) {
        try {
            JsonNode document = EventJson.parse(body, "sensor");
            if (!document.isObject()) {
                throw new MalformedSignalException("sensor.not_object", "sensor JSON must be an object");
            }
            Map<String, Object> readings = readings(document.get("readings"));
            Instant time = time(document.get("time"));
            String zone = zone(document.get("zone"));
            List<EventDraft> drafts = new ArrayList<>();
            drafts.add(new EventDraft(SourceFormat.SENSOR, EventClass.SENSOR, EventCategory.TELEMETRY, 5, "Sensor readings")
                    .occurredAt(time)
                    .zone(zone)
                    .sensor(new CanonicalEvent.SensorData(readings, null, null, null)));
            List<EventDraft> transitions = evaluator.evaluate(ctx.siteId(), ctx.deviceId(), readings,
                    time != null ? time : ctx.issuedAt());
            for (EventDraft transition : transitions) {
                drafts.add(transition.occurredAt(time).zone(zone));
            }
            return DecodeResult.of(drafts);
        } catch (MalformedSignalException e) {
            return DecodeResult.failed(e);
        }
    }

    private static Map<String, Object> readings(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new MalformedSignalException("sensor.no_readings", "readings must be a non-empty object");
        }
        if (node.size() > MAX_READINGS) {
            throw new MalformedSignalException("sensor.bad_reading", "at most " + MAX_READINGS + " readings");
        }
        Map<String, Object> readings = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            if (!isReadingName(name)) {
                throw new MalformedSignalException("sensor.bad_reading", "reading name " + SafeText.quote(name, 40)
                        + " must be 1-32 of a-z, 0-9, _");
            }
            readings.put(name, value(name, e.getValue()));
        }
        return Collections.unmodifiableMap(readings);
    }

    private static Object value(String name, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            double d = value.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        if (value.isTextual() && value.textValue().length() <= MAX_STRING_READING) {
            return value.textValue();
        }
        throw new MalformedSignalException("sensor.bad_reading", "reading " + name
                + " must be a finite number, a boolean or text of at most " + MAX_STRING_READING + " characters");
    }

    private static Instant time(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Instant instant;
        try {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                instant = Instant.ofEpochSecond(node.longValue());
            } else if (node.isTextual() && node.textValue().length() <= 40) {
                instant = OffsetDateTime.parse(node.textValue()).toInstant();
            } else {
                throw new MalformedSignalException("sensor.bad_time", "time must be RFC 3339 text or epoch seconds");
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw new MalformedSignalException("sensor.bad_time", "time is not a valid instant");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new MalformedSignalException("sensor.bad_time", "time outside 1970..9999");
        }
        return instant;
    }

    private static String zone(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if ((node.isTextual() || node.isIntegralNumber()) && node.asText().length() <= 64) {
            return node.asText();
        }
        throw new MalformedSignalException("sensor.bad_reading", "zone must be text or an integer");
    }

    private static boolean isReadingName(String name) {
        if (name.isEmpty() || name.length() > 32) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
