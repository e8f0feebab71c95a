package io.vigil.feeds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict CEF:0 reader for tests, written from the specification as a SIEM reads it: seven header
 * fields split on unescaped {@code |}, then extension pairs whose keys start after a space and end at
 * the next unescaped {@code =}. A value that forged a field or a header would show up here.
 */
public record Cef(List<String> header, Map<String, String> extension) {

    public static Cef parse(String line) {
        if (!line.startsWith("CEF:")) {
            throw new IllegalArgumentException("not CEF: " + line);
        }
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 4;
        while (header.size() < 7) {
            if (i >= line.length()) {
                throw new IllegalArgumentException("fewer than 8 header fields");
            }
            char c = line.charAt(i++);
            if (c == '\\') {
                char next = line.charAt(i++);
                if (next != '\\' && next != '|') {
                    throw new IllegalArgumentException("bad header escape \\" + next);
                }
                field.append(next);
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        return new Cef(header, extension(line.substring(i)));
    }

    private static Map<String, String> extension(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        // positions of unescaped '='
        List<Integer> equals = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=') {
                equals.add(i);
            }
        }
        int keyStart = 0;
        for (int k = 0; k < equals.size(); k++) {
            int eq = equals.get(k);
            String key = text.substring(keyStart, eq);
            if (!key.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("bad key '" + key + "'");
            }
            int valueEnd = text.length();
            if (k + 1 < equals.size()) {
                valueEnd = text.lastIndexOf(' ', equals.get(k + 1));
            }
            String raw = text.substring(eq + 1, valueEnd);
            if (pairs.put(key, unescape(raw)) != null) {
                throw new IllegalArgumentException("duplicate key " + key);
            }
            keyStart = valueEnd + 1;
        }
        return pairs;
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("raw line break in a value");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = raw.charAt(++i);
            switch (next) {
                case '\\', '=' -> out.append(next);
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                default -> throw new IllegalArgumentException("bad extension escape \\" + next);
            }
        }
        return out.toString();
    }
}
