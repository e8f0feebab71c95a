package io.vigil.normalize.dc09;

import io.vigil.normalize.MalformedSignalException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the clear data part of a DC-09 frame, {@code [<data>][<x-data>]...[_HH:MM:SS,MM-DD-YYYY]}: the
 * part that follows the header, and that an encrypted frame carries encrypted.
 */
public final class Dc09DataPartParser {
    private static final int MAX_EXTENDED_BLOCKS = 16;

    private final String s;
    private int i;

    private Dc09DataPartParser(String s) {
        this.s = s;
    }

    public static Dc09DataPart parse(String dataPart) {
        return new Dc09DataPartParser(dataPart).parse();
    }

    private Dc09DataPart parse() {
        if (!peek('[')) {
            throw new MalformedSignalException("dc09.bad_header", "data block [...] expected");
        }
        String data = bracketed();
        Map<String, String> extended = new LinkedHashMap<>();
        while (peek('[')) {
            String block = bracketed();
            if (block.isEmpty()) {
                throw new MalformedSignalException("dc09.bad_frame", "empty extended data block");
            }
            if (extended.size() == MAX_EXTENDED_BLOCKS) {
                throw new MalformedSignalException("dc09.bad_frame", "more than " + MAX_EXTENDED_BLOCKS
                        + " extended data blocks");
            }
            extended.putIfAbsent(block.substring(0, 1), block.substring(1));
        }
        Instant timestamp = peek('_') ? timestamp() : null;
        if (i != s.length()) {
            throw new MalformedSignalException("dc09.bad_frame", "unexpected characters after the data at position " + i);
        }
        return new Dc09DataPart(data, Map.copyOf(extended), timestamp);
    }

    private String bracketed() {
        int end = s.indexOf(']', i + 1);
        if (end < 0) {
            throw new MalformedSignalException("dc09.bad_frame", "'[' at position " + i + " is not closed");
        }
        String content = s.substring(i + 1, end);
        i = end + 1;
        return content;
    }

    /** {@code _HH:MM:SS,MM-DD-YYYY}, UTC as DC-09 specifies. */
    private Instant timestamp() {
        String t = s.substring(i + 1);
        if (t.length() != 19 || t.charAt(2) != ':' || t.charAt(5) != ':' || t.charAt(8) != ','
                || t.charAt(11) != '-' || t.charAt(14) != '-') {
            throw new MalformedSignalException("dc09.bad_timestamp", "timestamp must be _HH:MM:SS,MM-DD-YYYY");
        }
        try {
            LocalTime time = LocalTime.of(digits(t, 0, 2), digits(t, 3, 5), digits(t, 6, 8));
            LocalDate date = LocalDate.of(digits(t, 15, 19), digits(t, 9, 11), digits(t, 12, 14));
            i = s.length();
            return date.atTime(time).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new MalformedSignalException("dc09.bad_timestamp", "timestamp is not a valid date and time");
        }
    }

    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (c < '0' || c > '9') {
                throw new MalformedSignalException("dc09.bad_timestamp", "timestamp must be _HH:MM:SS,MM-DD-YYYY");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }
}
