package io.vigil.api;

import io.vigil.config.VigilProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Parsing of query and body values shared by the routes; every failure is a 400 naming the field. */
public final class ApiValues {

    private ApiValues() {}

    /** ISO-8601: an instant ({@code ...Z}), a date-time with offset, or a date (its 00:00 UTC). */
    public static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " is not an ISO-8601 time (2025-01-05T10:00:00Z,"
                    + " 2025-01-05T11:00:00+01:00 or 2025-01-05)");
        }
    }

    /** {@code 30m}, {@code 24h}, {@code 90d} or ISO-8601 ({@code PT2H}); null when absent. */
    public static Duration duration(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return VigilProperties.of(Map.of("d", value)).getDuration("d", null);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(field + " is not a duration (e.g. 30m, 24h, 90d or PT2H)");
        }
    }

    /** A comma-separated list, each element parsed; empty when absent. */
    public static <T> Set<T> list(String field, String value, Function<String, T> parse) {
        Set<T> values = new LinkedHashSet<>();
        if (value == null) {
            return values;
        }
        for (String part : value.split(",", -1)) {
            try {
                values.add(parse.apply(part.trim()));
            } catch (RuntimeException e) {
                throw ApiException.badRequest(field + ": " + e.getMessage());
            }
        }
        return values;
    }

    public static int integer(String field, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(field + " must be a whole number from " + min + " to " + max);
    }
}
