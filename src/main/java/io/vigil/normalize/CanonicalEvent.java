package io.vigil.normalize;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.UUID;

/**
 * Canonical event v1: the one shape every decoder produces; serialised as snake_case JSON.
 * The contract (every field, value lists, id derivation) is docs/events.md and
 * docs/schema/canonical-event.v1.json. Optional fields are omitted when absent; {@code decoding} (the
 * named forms seen) and {@code flags} (checks that disagreed without stopping the decoding) when empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalEvent(
        @JsonProperty("spec_version") String specVersion,
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("site_id") String siteId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("account") String account,
        @JsonProperty("source_format") SourceFormat sourceFormat,
        @JsonProperty("class") EventClass eventClass,
        @JsonProperty("category") EventCategory category,
        @JsonProperty("code") String code,
        @JsonProperty("code_known") boolean codeKnown,
        @JsonProperty("qualifier") Qualifier qualifier,
        @JsonProperty("zone") String zone,
        @JsonProperty("area") String area,
        @JsonProperty("user") String user,
        @JsonProperty("priority") int priority,
        @JsonProperty("description") String description,
        @JsonProperty("text") String text,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("sensor") SensorData sensor,
        @JsonProperty("location") LocationData location,
        @JsonProperty("dc09") Dc09Data dc09,
        @JsonProperty("decoding") Map<String, String> decoding,
        @JsonProperty("flags") List<String> flags,
        @JsonProperty("assurance") String assurance) {

    public static final String SPEC_VERSION = "1";

    public CanonicalEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        Objects.requireNonNull(eventClass, "eventClass");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException("priority must be 1..5: " + priority);
        }
        decoding = decoding == null || decoding.isEmpty() ? null : Collections.unmodifiableSortedMap(new TreeMap<>(decoding));
        flags = flags == null || flags.isEmpty() ? null : List.copyOf(flags);
    }

    /**
     * An event without decoding forms or flags (events Vigil raises itself, test events), of a
     * {@code signed} site: no {@code assurance} (docs/events.md).
     */
    public CanonicalEvent(String specVersion, UUID eventId, String siteId, String deviceId, String account,
                          SourceFormat sourceFormat, EventClass eventClass, EventCategory category, String code,
                          boolean codeKnown, Qualifier qualifier, String zone, String area, String user, int priority,
                          String description, String text, Instant occurredAt, Instant receivedAt, String keyId,
                          String messageId, SensorData sensor, LocationData location, Dc09Data dc09) {
        this(specVersion, eventId, siteId, deviceId, account, sourceFormat, eventClass, category, code, codeKnown,
                qualifier, zone, area, user, priority, description, text, occurredAt, receivedAt, keyId, messageId,
                sensor, location, dc09, null, null, null);
    }

    /** The same event with another location (used for the rounded copy). */
    public CanonicalEvent withLocation(LocationData newLocation) {
        return new CanonicalEvent(specVersion, eventId, siteId, deviceId, account, sourceFormat, eventClass,
                category, code, codeKnown, qualifier, zone, area, user, priority, description, text, occurredAt,
                receivedAt, keyId, messageId, sensor, newLocation, dc09, decoding, flags, assurance);
    }

    /** Sensor readings; {@code metric}/{@code value}/{@code threshold} are set on threshold alarms and restores. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SensorData(
            @JsonProperty("readings") Map<String, Object> readings,
            @JsonProperty("metric") String metric,
            @JsonProperty("value") Double value,
            @JsonProperty("threshold") Double threshold) {
        public SensorData {
            readings = readings == null ? Map.of() : readings;
        }
    }

    /** A position. {@code precise} is false on the rounded copy published to the general topic. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationData(
            @JsonProperty("lat") double lat,
            @JsonProperty("lon") double lon,
            @JsonProperty("accuracy") Double accuracy,
            @JsonProperty("altitude") Double altitude,
            @JsonProperty("velocity") Double velocity,
            @JsonProperty("course") Double course,
            @JsonProperty("battery") Integer battery,
            @JsonProperty("trigger") String trigger,
            @JsonProperty("tracker_id") String trackerId,
            @JsonProperty("region") String region,
            @JsonProperty("region_event") String regionEvent,
            @JsonProperty("radius") Double radius,
            @JsonProperty("precise") boolean precise) {

        public LocationData rounded(double roundedLat, double roundedLon, Double coarserAccuracy, Double coarserRadius) {
            return new LocationData(roundedLat, roundedLon, coarserAccuracy, altitude, velocity, course, battery,
                    trigger, trackerId, region, regionEvent, coarserRadius, false);
        }
    }

    /** Transport facts of a SIA DC-09 frame. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dc09Data(
            @JsonProperty("protocol") String protocol,
            @JsonProperty("sequence") String sequence,
            @JsonProperty("receiver") String receiver,
            @JsonProperty("prefix") String prefix,
            @JsonProperty("extended") Map<String, String> extended) {}
}
