package io.vigil.normalize.sia;

import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a SIA DCS block {@code [#ACCT|]N<items>} where items are, in any order, separated or not
 * by '/': modifiers (two lower-case letters and a value: {@code ri} area, {@code id} user, others
 * skipped), event codes (two upper-case letters and an optional number) and {@code ^text^}.
 * Examples: {@code #1234|Nri1/BA01/BR01}, {@code #1234|NBA01}, {@code Nri1CL0^FRONT DOOR^}.
 */
public final class SiaBlockParser {
    public static final int MAX_EVENTS = 64;
    static final int MAX_ACCOUNT = 16;
    private static final int MAX_ADDRESS = 8;
    private static final int MAX_MODIFIER_VALUE = 16;
    private static final int MAX_TEXT = 256;

    private SiaBlockParser() {}

    public static SiaBlock parse(String input) {
        String text = input.strip();
        int i = 0;
        String account = null;
        if (text.startsWith("#")) {
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw bad("account must be followed by '|'");
            }
            account = text.substring(1, bar);
            if (account.isEmpty() || account.length() > MAX_ACCOUNT || !isAlphanumeric(account)) {
                throw bad("account must be 1-" + MAX_ACCOUNT + " letters or digits, got " + SafeText.quote(account, 24));
            }
            i = bar + 1;
        } else if (text.startsWith("|")) {
            i = 1;
        }
        if (i >= text.length() || (text.charAt(i) != 'N' && text.charAt(i) != 'O')) {
            throw bad("block must start with function N (new event) or O (old event)");
        }
        char function = text.charAt(i++);
        List<SiaBlock.SiaEventToken> events = new ArrayList<>();
        String area = null;
        String user = null;
        String pendingText = null;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/') {
                i++;
            } else if (c == '^') {
                int end = text.indexOf('^', i + 1);
                if (end < 0) {
                    throw bad("text starting at position " + i + " has no closing '^'");
                }
                String value = text.substring(i + 1, end);
                if (value.length() > MAX_TEXT) {
                    throw bad("text longer than " + MAX_TEXT + " characters");
                }
                value = value.strip();
                if (events.isEmpty()) {
                    pendingText = value;
                } else {
                    SiaBlock.SiaEventToken last = events.remove(events.size() - 1);
                    events.add(new SiaBlock.SiaEventToken(last.code(), last.address(), last.area(), last.user(), value));
                }
                i = end + 1;
            } else if (isLower(c) && i + 1 < text.length() && isLower(text.charAt(i + 1))) {
                String name = text.substring(i, i + 2);
                int start = i + 2;
                int end = start;
                while (end < text.length() && isModifierValueChar(text.charAt(end))) {
                    end++;
                }
                if (end - start > MAX_MODIFIER_VALUE) {
                    throw bad("modifier " + name + " value longer than " + MAX_MODIFIER_VALUE + " characters");
                }
                String value = text.substring(start, end);
                if (name.equals("ri")) {
                    area = value.isEmpty() ? null : value;
                } else if (name.equals("id")) {
                    user = value.isEmpty() ? null : value;
                }
                i = end;
            } else if (isUpper(c) && i + 1 < text.length() && isUpper(text.charAt(i + 1))) {
                String code = text.substring(i, i + 2);
                int start = i + 2;
                int end = start;
                while (end < text.length() && isDigit(text.charAt(end))) {
                    end++;
                }
                if (end - start > MAX_ADDRESS) {
                    throw bad("number after " + code + " longer than " + MAX_ADDRESS + " digits");
                }
                if (events.size() == MAX_EVENTS) {
                    throw new MalformedSignalException("sia.too_many_events",
                            "a block may carry at most " + MAX_EVENTS + " events");
                }
                String address = end > start ? text.substring(start, end) : null;
                events.add(new SiaBlock.SiaEventToken(code, address, area, user, pendingText));
                pendingText = null;
                i = end;
            } else {
                throw bad("unexpected " + SafeText.quote(String.valueOf(c), 8) + " at position " + i);
            }
        }
        if (events.isEmpty()) {
            throw new MalformedSignalException("sia.no_event", "block carries no event code");
        }
        return new SiaBlock(account, function, events);
    }

    private static boolean isModifierValueChar(char c) {
        return isDigit(c) || c == ':' || c == '-' || c == '.';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isDigit(c) || isUpper(c) || isLower(c))) {
                return false;
            }
        }
        return true;
    }

    private static MalformedSignalException bad(String detail) {
        return new MalformedSignalException("sia.bad_block", detail);
    }
}
