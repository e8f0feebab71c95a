package io.vigil.feeds.syslog;

import io.vigil.feeds.FeedText;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fixed parts of Vigil's RFC 5424 header: facility, HOSTNAME, APP-NAME and the SD-ID of its
 * structured-data element. Validated once, from configuration.
 */
public record SyslogFormat(int facility, String hostname, String appName, String sdId) {

    private static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("mail", 2), Map.entry("daemon", 3),
            Map.entry("auth", 4), Map.entry("syslog", 5), Map.entry("lpr", 6), Map.entry("news", 7),
            Map.entry("uucp", 8), Map.entry("cron", 9), Map.entry("authpriv", 10), Map.entry("ftp", 11),
            Map.entry("ntp", 12), Map.entry("security", 13), Map.entry("console", 14), Map.entry("solaris-cron", 15),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));
    /** PRINTUSASCII (%d33-126), as RFC 5424 allows in header fields. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");
    /** An SD-NAME is PRINTUSASCII except '=', SP, ']' and '"'; an SD-ID is one, optionally "@" + digits. */
    private static final Pattern SD_ID = Pattern.compile("[\\x21-\\x7e&&[^=\\]\"@ ]]{1,32}(@[0-9]+(\\.[0-9]+)*)?");

    public SyslogFormat {
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("syslog facility must be 0..23: " + facility);
        }
        requirePrintable("HOSTNAME", hostname, 255);
        requirePrintable("APP-NAME", appName, 48);
        if (sdId == null || !SD_ID.matcher(sdId).matches() || sdId.length() > 32) {
            throw new IllegalArgumentException("not an RFC 5424 SD-ID (name@enterprise-number, at most 32 characters): " + sdId);
        }
    }

    /** A facility by name ({@code local4}) or number ({@code 20}). */
    public static int facility(String nameOrNumber) {
        String key = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        Integer facility = FACILITIES.get(key);
        if (facility != null) {
            return facility;
        }
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown syslog facility " + nameOrNumber);
        }
    }

    /** A host name usable as HOSTNAME: other characters become '-', cut to 255; {@code -} (nil) when empty. */
    public static String hostname(String name) {
        String cleaned = FeedText.oneLine(name == null ? "" : name.trim(), 255).replaceAll("[^\\x21-\\x7e]", "-");
        return cleaned.isEmpty() ? "-" : cleaned;
    }

    private static void requirePrintable(String field, String value, int max) {
        if (value == null || value.length() > max || !PRINTABLE.matcher(value).matches()) {
            throw new IllegalArgumentException("syslog " + field + " must be 1.." + max
                    + " printable ASCII characters without spaces: " + value);
        }
    }
}
