package io.vigil.normalize.corpus;

import io.vigil.cli.EscapedLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a corpus file under src/test/resources/corpus/: the signal as sent, where it comes from,
 * the decoding the source states, and Vigil's own expectations (forms, flags, a refusal reason).
 * The file format is described in each file's header and in docs/events.md ("Corpus").
 */
record CorpusLine(String file, int lineNumber, byte[] signal, String source, Stated stated,
                  Map<String, String> vigil) {

    /** What the source states: the events (each a map of expected fields), no event, or a refusal. */
    record Stated(Kind kind, List<Map<String, String>> events) {
        enum Kind { EVENTS, NONE, REJECT }
    }

    static CorpusLine parse(String file, int lineNumber, String line) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 4) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": expected 4 tab-separated columns, found "
                    + columns.length);
        }
        return new CorpusLine(file, lineNumber, unescape(columns[0]), columns[1], stated(columns[2]), pairs(columns[3]));
    }

    String name() {
        return file + " line " + lineNumber + ": " + source;
    }

    /** The reason Vigil refuses the line with, when it deliberately differs from a source that decodes it. */
    String vigilReason() {
        return vigil.get("reason");
    }

    private static Stated stated(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("none")) {
            return new Stated(Stated.Kind.NONE, List.of());
        }
        if (trimmed.equals("reject")) {
            return new Stated(Stated.Kind.REJECT, List.of());
        }
        List<Map<String, String>> events = new ArrayList<>();
        for (String event : trimmed.split(" ; ")) {
            events.add(pairs(event));
        }
        return new Stated(Stated.Kind.EVENTS, events);
    }

    /** {@code key=value key="value with spaces"}. */
    static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value in " + text);
            }
            String key = text.substring(i, eq);
            int end;
            String value;
            if (eq + 1 < text.length() && text.charAt(eq + 1) == '"') {
                end = text.indexOf('"', eq + 2);
                value = text.substring(eq + 2, end);
                end++;
            } else {
                end = text.indexOf(' ', eq);
                end = end < 0 ? text.length() : end;
                value = text.substring(eq + 1, end);
            }
            pairs.put(key, value);
            i = end;
        }
        return pairs;
    }

    /** Bytes of the signal column: the escapes of {@code vigil decode --escapes}. */
    static byte[] unescape(String text) {
        return EscapedLine.decode(text);
    }
}
