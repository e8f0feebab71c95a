package io.vigil.normalize.cid;

/** The two checksums Contact ID text forms carry: the DC-05 check digit and the Fletcher-16 of TCP forms. */
final class ContactIdChecksums {
    private ContactIdChecksums() {}

    /**
     * DC-05 check: digit values (0 counts as 10, B-F as 11-15, and A, a 0 written as its value, as 10)
     * summed with the check digit are a multiple of 15. Null when a character is not a Contact ID digit.
     */
    static Boolean dc05Matches(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int value = dc05Value(digits.charAt(i));
            if (value < 0) {
                return null;
            }
            sum += value;
        }
        return sum % 15 == 0;
    }

    static int dc05Value(char c) {
        if (c == '0') {
            return 10;
        }
        if (c >= '1' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Fletcher-16 (both sums modulo 256) of the characters as bytes, as four upper-case hex digits. */
    static String fletcher16(CharSequence text) {
        int sum1 = 0;
        int sum2 = 0;
        for (int i = 0; i < text.length(); i++) {
            sum1 = (sum1 + (text.charAt(i) & 0xFF)) & 0xFF;
            sum2 = (sum2 + sum1) & 0xFF;
        }
        return String.format(java.util.Locale.ROOT, "%02X%02X", sum2, sum1);
    }
}
