package io.vigil.automation.site;

import io.vigil.db.PostgresText;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every site record passes, whether it comes from the API or a CSV import
 * (docs/automation.md). Each check returns the value to store or throws {@link InvalidRecord}.
 */
public final class RecordRules {

    public static final Pattern REGION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final Pattern AREA_OR_ZONE = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{1,38}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;:\"()\\[\\]\\\\]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    public static final Set<String> CONTACT_ROLES = Set.of("keyholder", "contact", "manager");
    public static final Set<String> MEANS = Set.of("phone", "email", "phone,email");
    public static final Set<String> AGENCY_KINDS = Set.of("police", "fire", "ambulance", "guard", "other");

    private RecordRules() {}

    /** Storable text of {@code min..max} characters (code points); null allowed when {@code min} is 0. */
    public static String text(String field, String value, int min, int max) {
        if (value == null || value.isEmpty()) {
            if (min == 0) {
                return null;
            }
            throw new InvalidRecord(field, "is required");
        }
        if (min > 0 && value.isBlank()) {
            throw new InvalidRecord(field, "must not be blank");
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new InvalidRecord(field, "has " + length + " characters, at most " + max);
        }
        PostgresText.problem(value).ifPresent(p -> {
            throw new InvalidRecord(field, p.describe());
        });
        return value;
    }

    public static String areaOrZone(String field, String value) {
        if (value == null || !AREA_OR_ZONE.matcher(value).matches()) {
            throw new InvalidRecord(field, "must be 1-16 letters or digits, as the panel sends it");
        }
        return value;
    }

    public static String zoneType(String value) {
        try {
            return ZoneType.parse(value).wireName();
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord("zone_type", e.getMessage());
        }
    }

    public static String timeZone(String value) {
        if (value == null || value.isEmpty()) {
            return "UTC";
        }
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw new InvalidRecord("time_zone", "is not an IANA time zone such as Europe/London");
        }
    }

    public static void coordinates(Double latitude, Double longitude) {
        if ((latitude == null) != (longitude == null)) {
            throw new InvalidRecord("latitude", "latitude and longitude come together or not at all");
        }
        if (latitude != null && (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180))) {
            throw new InvalidRecord("latitude", "latitude is -90..90 and longitude -180..180 degrees");
        }
    }

    public static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new InvalidRecord(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return value;
    }

    public static String phone(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!PHONE.matcher(value).matches()) {
            throw new InvalidRecord(field, "is not a phone number (digits, spaces, '-', '(', ')', an optional leading '+')");
        }
        return value;
    }

    public static String email(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            throw new InvalidRecord(field, "is not an e-mail address");
        }
        return value;
    }

    public static String availability(String value) {
        String text = value == null || value.isEmpty() ? "always" : value;
        try {
            Availability.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord("availability", e.getMessage());
        }
        return text;
    }

    public static SiteRecord.Basics basics(String address, Double latitude, Double longitude, String timeZone,
                                           String region, String instructions) {
        coordinates(latitude, longitude);
        if (region != null && !region.isEmpty() && !REGION.matcher(region).matches()) {
            throw new InvalidRecord("region", "is 1-64 of letters, digits, '.', '_' and '-'");
        }
        return new SiteRecord.Basics(text("address", address, 0, 500), latitude, longitude, timeZone(timeZone),
                region == null || region.isEmpty() ? null : region, text("instructions", instructions, 0, 2000));
    }

    public static SiteRecord.Area area(String area, String description) {
        return new SiteRecord.Area(areaOrZone("area", area), text("description", description, 1, 200));
    }

    public static SiteRecord.Zone zone(String zone, String area, String description, String zoneType) {
        return new SiteRecord.Zone(areaOrZone("zone", zone), area == null || area.isEmpty() ? null : areaOrZone("area", area),
                text("description", description, 1, 200), zoneType(zoneType));
    }

    public static SiteRecord.Contact contact(int callOrder, String name, String role, String phone, String email,
                                             String availability, String means) {
        if (callOrder < 1) {
            throw new InvalidRecord("call_order", "must be 1 or more");
        }
        String checkedMeans = oneOf("means", means == null || means.isEmpty() ? "phone" : means, MEANS);
        String checkedPhone = phone("phone", phone);
        String checkedEmail = email("email", email);
        if (checkedMeans.contains("phone") && checkedPhone == null) {
            throw new InvalidRecord("phone", "is required when the contact is reached by phone");
        }
        if (checkedMeans.contains("email") && checkedEmail == null) {
            throw new InvalidRecord("email", "is required when the contact is reached by e-mail");
        }
        return new SiteRecord.Contact(callOrder, text("name", name, 1, 200), oneOf("role", role, CONTACT_ROLES),
                checkedPhone, checkedEmail, availability(availability), checkedMeans);
    }

    public static String passwordLabel(String label) {
        return text("label", label, 1, 64);
    }

    /** A clear password to hash: 1-200 characters that are not all white space once normalised. */
    public static String password(String field, String password) {
        text(field, password, 1, 200);
        if (VerbalPasswords.normalise(password).isEmpty()) {
            throw new InvalidRecord(field, "must not be blank");
        }
        return password;
    }

    public static SiteRecord.Agency agency(String kind, String name, String phone, String reference) {
        return new SiteRecord.Agency(oneOf("kind", kind, AGENCY_KINDS), text("name", name, 1, 200), phone("phone", phone),
                text("reference", reference, 0, 100));
    }
}
