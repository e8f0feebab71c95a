package io.vigil.automation.site;

/**
 * How site records and events name the same zone: panels send {@code "012"} or {@code "12"}; an
 * all-digit zone is compared without its leading zeros ({@code "000"} is {@code "0"}), any other as sent.
 */
public final class ZoneKey {

    private ZoneKey() {}

    public static String of(String zone) {
        if (zone == null || zone.isEmpty() || !zone.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return zone;
        }
        int i = 0;
        while (i < zone.length() - 1 && zone.charAt(i) == '0') {
            i++;
        }
        return zone.substring(i);
    }
}
