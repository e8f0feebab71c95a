package io.vigil.supervision;

/**
 * The site id alphabet: 1-64 characters of letters, digits, '.', '_' or '-', starting with a
 * letter or digit. It is the rule the dev PKI applies to certificate CNs and MQTT topic levels,
 * checked here by hand because it runs on every heartbeat.
 */
public final class SiteIds {

    public static final int MAX_LENGTH = 64;

    private SiteIds() {
    }

    public static boolean isValid(String siteId) {
        if (siteId == null || siteId.isEmpty() || siteId.length() > MAX_LENGTH || !isLetterOrDigit(siteId.charAt(0))) {
            return false;
        }
        for (int i = 1; i < siteId.length(); i++) {
            char c = siteId.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * @throws IllegalArgumentException if the id breaks the rule; the message never repeats the
     *     id, because it is site text and may end up in a log line
     */
    public static String requireValid(String siteId) {
        if (!isValid(siteId)) {
            throw new IllegalArgumentException("a site id is 1-" + MAX_LENGTH
                    + " characters of letters, digits, '.', '_' or '-', starting with a letter or digit (got "
                    + (siteId == null ? "null" : siteId.length() + " characters") + ")");
        }
        return siteId;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
