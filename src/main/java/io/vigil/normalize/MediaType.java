package io.vigil.normalize;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed media type ({@code type/subtype; name=value; name="quoted"}, RFC 9110 §8.3.1).
 * Type and parameter names are case-insensitive and kept in lower case; values are kept as sent.
 */
public record MediaType(String essence, Map<String, String> parameters) {
    private static final int MAX_LENGTH = 256;

    public MediaType {
        parameters = Map.copyOf(parameters);
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** The parsed media type, or empty if the text is not one. */
    public static Optional<MediaType> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int semicolon = text.indexOf(';');
        String essence = (semicolon < 0 ? text : text.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || essence.indexOf('/', slash + 1) >= 0
                || !isToken(essence, 0, slash) || !isToken(essence, slash + 1, essence.length())) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = semicolon;
        while (i >= 0 && i < text.length()) {
            i++; // past ';'
            while (i < text.length() && isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == text.length()) {
                break;
            }
            int nameStart = i;
            while (i < text.length() && text.charAt(i) != '=' && text.charAt(i) != ';') {
                i++;
            }
            if (i == text.length() || text.charAt(i) != '=' || !isToken(text, nameStart, i)) {
                return Optional.empty();
            }
            String name = text.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i++; // past '='
            String value;
            if (i < text.length() && text.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < text.length()) {
                        c = text.charAt(++i);
                    }
                    quoted.append(c);
                    i++;
                }
                if (i == text.length()) {
                    return Optional.empty();
                }
                i++; // past closing quote
                value = quoted.toString();
            } else {
                int valueStart = i;
                while (i < text.length() && text.charAt(i) != ';') {
                    i++;
                }
                value = text.substring(valueStart, i).trim();
                if (!isToken(value, 0, value.length())) {
                    return Optional.empty();
                }
            }
            while (i < text.length() && isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) != ';') {
                return Optional.empty();
            }
            parameters.putIfAbsent(name, value);
        }
        return Optional.of(new MediaType(essence, parameters));
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isToken(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
