package io.vigil.normalize.sia;

import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a SIA DCS data block (docs/events.md, "SIA DCS"): an account part, then DC-03 blocks separated
 * by {@code |}, each starting with its function letter: {@code N}/{@code O} data blocks of items
 * (modifiers, event codes with numbers, {@code ^text^}, optionally separated by {@code /}) and {@code A}
 * ASCII text blocks. Examples: {@code #1234|Nri1/BA01/BR01}, {@code 36214|NRP}, {@code |Nri2/JC12},
 * {@code Nri1CL0^FRONT DOOR^}, {@code #1234|NRR|Atest}, {@code #1234|ri1/BA01}.
 */
public final class SiaBlockParser {
    public static final int MAX_EVENTS = 64;
    static final int MAX_ACCOUNT = 16;
    private static final int MAX_ADDRESS = 8;
    private static final int MAX_MODIFIER_VALUE = 16;
    private static final int MAX_TEXT = 256;

    private final String text;
    private int i;
    private final List<SiaBlock.SiaEventToken> events = new ArrayList<>();
    private String pendingText;

    private SiaBlockParser(String text) {
        this.text = text;
    }

    public static SiaBlock parse(String input) {
        return new SiaBlockParser(input.strip()).parse();
    }

    private SiaBlock parse() {
        String account = null;
        String form;
        int bar = text.indexOf('|');
        if (text.startsWith("#")) {
            if (bar < 0) {
                throw bad("account must be followed by '|'");
            }
            account = account(text.substring(1, bar));
            form = "standard";
            i = bar + 1;
        } else if (text.startsWith("|")) {
            form = "empty-account";
            i = 1;
        } else if (bar > 0 && !startsWithFunction(0) && isAccount(text.substring(0, bar))) {
            account = text.substring(0, bar);
            form = "bare-account";
            i = bar + 1;
        } else {
            form = "plain";
        }
        if (i >= text.length() || text.charAt(i) == '|') {
            throw bad("block must start with function N (new event) or O (old event)");
        }
        boolean functionMissing = !startsWithFunction(i);
        dataBlock(functionMissing ? 'N' : text.charAt(i++));
        int blocks = 1;
        while (i < text.length()) {
            i++; // the '|' that ended the previous block
            blocks++;
            if (i < text.length() && text.charAt(i) == 'A') {
                asciiBlock();
            } else if (startsWithFunction(i)) {
                dataBlock(text.charAt(i++));
            } else {
                throw bad("block after '|' must start with N, O or A at position " + i);
            }
        }
        if (pendingText != null && !events.isEmpty()) {
            attachText(pendingText);
        }
        if (events.isEmpty()) {
            throw new MalformedSignalException("sia.no_event", "block carries no event code");
        }
        return new SiaBlock(account, form, blocks > 1, functionMissing, List.copyOf(events));
    }

    private boolean startsWithFunction(int at) {
        return at < text.length() && (text.charAt(at) == 'N' || text.charAt(at) == 'O');
    }

    /** Items up to the next '|' (outside {@code ^text^}) or the end. */
    private void dataBlock(char function) {
        boolean old = function == 'O';
        String area = null;
        String user = null;
        while (i < text.length() && text.charAt(i) != '|') {
            char c = text.charAt(i);
            if (c == '/') {
                i++;
            } else if (c == '^') {
                int end = text.indexOf('^', i + 1);
                if (end < 0) {
                    throw bad("text starting at position " + i + " has no closing '^'");
                }
                text(text.substring(i + 1, end));
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
                String value = end > start ? text.substring(start, end) : null;
                switch (name) {
                    case "ri", "pi" -> area = value;
                    case "id" -> user = value;
                    default -> { }
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
                events.add(new SiaBlock.SiaEventToken(code, address, area, user, pendingText, old));
                pendingText = null;
                i = end;
            } else {
                throw bad("unexpected " + SafeText.quote(String.valueOf(c), 8) + " at position " + i);
            }
        }
    }

    /** Extended SIA3 ASCII block {@code |A<text>}: text of the event before it. */
    private void asciiBlock() {
        int end = text.indexOf('|', i + 1);
        end = end < 0 ? text.length() : end;
        text(text.substring(i + 1, end));
        i = end;
    }

    private void text(String raw) {
        if (raw.length() > MAX_TEXT) {
            throw bad("text longer than " + MAX_TEXT + " characters");
        }
        String value = raw.strip();
        if (events.isEmpty()) {
            pendingText = value;
        } else {
            attachText(value);
        }
    }

    private void attachText(String value) {
        SiaBlock.SiaEventToken last = events.remove(events.size() - 1);
        events.add(last.withText(value));
    }

    private static String account(String account) {
        if (!isAccount(account)) {
            throw bad("account must be 1-" + MAX_ACCOUNT + " letters or digits, got " + SafeText.quote(account, 24));
        }
        return account;
    }

    private static boolean isAccount(String account) {
        if (account.isEmpty() || account.length() > MAX_ACCOUNT) {
            return false;
        }
        for (int k = 0; k < account.length(); k++) {
            char c = account.charAt(k);
            if (!(isDigit(c) || isUpper(c) || isLower(c))) {
                return false;
            }
        }
        return true;
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

    private static MalformedSignalException bad(String detail) {
        return new MalformedSignalException("sia.bad_block", detail);
    }
}
