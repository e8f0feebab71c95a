package io.vigil.normalize.dc09;

import io.vigil.normalize.MalformedSignalException;

/**
 * The heartbeat an Osborne-Hoffman network receiver relays in place of a DC-09 NULL frame:
 * {@code SR<4 digits>L<4 digits>}, spaces or NULs, the account, spaces or NULs, optionally {@code [<id>]}
 * (e.g. {@code SR0001L0001    006969XX    [ID00000000]}).
 */
public record OsborneHoffmanHeartbeat(String receiver, String line, String account) {
    private static final int MAX_ACCOUNT = 16;
    private static final int MAX_ID = 16;

    /** Whether the text has this form's opening, so it is read as one (and reported as one when malformed). */
    public static boolean looksLikeOne(String text) {
        return text.startsWith("SR") && text.length() > 12 && text.charAt(6) == 'L';
    }

    public static OsborneHoffmanHeartbeat parse(String input) {
        String text = input.strip();
        String receiver = digits(text, 2, 6);
        String line = digits(text, 7, 11);
        int i = 11;
        int separators = i;
        while (i < text.length() && isSeparator(text.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < text.length() && isAlphanumeric(text.charAt(i))) {
            i++;
        }
        if (start == separators || i == start || i - start > MAX_ACCOUNT) {
            throw bad("account of 1-" + MAX_ACCOUNT + " letters or digits expected after the line number");
        }
        String account = text.substring(start, i);
        while (i < text.length() && isSeparator(text.charAt(i))) {
            i++;
        }
        if (i < text.length()) {
            int close = text.indexOf(']', i);
            if (text.charAt(i) != '[' || close != text.length() - 1 || close - i - 1 > MAX_ID
                    || !text.substring(i + 1, close).chars().allMatch(c -> isAlphanumeric((char) c))) {
                throw bad("only [<id>] may follow the account");
            }
        }
        return new OsborneHoffmanHeartbeat(receiver, line, account);
    }

    private static String digits(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (text.charAt(k) < '0' || text.charAt(k) > '9') {
                throw bad("receiver and line must be 4 digits each");
            }
        }
        return text.substring(from, to);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == 0;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static MalformedSignalException bad(String detail) {
        return new MalformedSignalException("dc09.bad_frame", "Osborne-Hoffman heartbeat: " + detail);
    }
}
