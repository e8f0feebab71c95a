package io.vigil.normalize.cid;

import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.SafeText;
import java.util.regex.Pattern;

/**
 * Parses the Contact ID text forms:
 * <ul>
 *   <li>{@code ACCT MT QXYZ GG CCC}, e.g. {@code 1234 18 1131 01 015} (fields separated by spaces);</li>
 *   <li>the same without spaces, 15 characters, or 16 with the DTMF check digit;</li>
 *   <li>the SIA DC-09 ADM-CID data form {@code #ACCT|QXYZ GG CCC}, e.g. {@code #1234|1131 01 015}.</li>
 * </ul>
 */
public final class ContactIdParser {
    static final int MAX_ACCOUNT = 16;
    private static final Pattern SPACES = Pattern.compile(" +");

    private ContactIdParser() {}

    public static ContactIdMessage parse(String input) {
        String text = input.strip();
        if (text.startsWith("#")) {
            return parseDc09Form(text);
        }
        if (text.indexOf(' ') >= 0) {
            return parseSpacedForm(text);
        }
        return parseCompactForm(text);
    }

    private static ContactIdMessage parseDc09Form(String text) {
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw bad("ADM-CID data must look like #ACCT|QXYZ GG CCC");
        }
        String account = account(text.substring(1, bar));
        String event = text.substring(bar + 1).strip();
        String[] parts = SPACES.split(event, -1);
        if (parts.length == 3) {
            return message(account, null, parts[0], parts[1], parts[2]);
        }
        if (parts.length == 1 && event.length() == 9) {
            return message(account, null, event.substring(0, 4), event.substring(4, 6), event.substring(6, 9));
        }
        throw bad("ADM-CID event must be QXYZ GG CCC, got " + SafeText.quote(event, 40));
    }

    private static ContactIdMessage parseSpacedForm(String text) {
        String[] parts = SPACES.split(text, -1);
        if (parts.length != 5) {
            throw bad("expected 5 fields ACCT MT QXYZ GG CCC, found " + parts.length);
        }
        return message(account(parts[0]), messageType(parts[1]), parts[2], parts[3], parts[4]);
    }

    private static ContactIdMessage parseCompactForm(String text) {
        if (text.length() != 15 && text.length() != 16) {
            throw bad("compact Contact ID has 15 characters (16 with check digit), found " + text.length());
        }
        if (text.length() == 16) {
            verifyCheckDigit(text);
        }
        return message(account(text.substring(0, 4)), messageType(text.substring(4, 6)), text.substring(6, 10),
                text.substring(10, 12), text.substring(12, 15));
    }

    private static ContactIdMessage message(String account, String messageType, String qxyz, String group,
                                            String zoneOrUser) {
        if (qxyz.length() != 4 || !isHex(qxyz.substring(1))) {
            throw bad("event field must be a qualifier digit and a three-digit code, got " + SafeText.quote(qxyz, 16));
        }
        char qualifier = qxyz.charAt(0);
        if (qualifier != '1' && qualifier != '3' && qualifier != '6') {
            throw new MalformedSignalException("cid.bad_qualifier",
                    "qualifier must be 1, 3 or 6, got " + SafeText.quote(String.valueOf(qualifier), 4));
        }
        if (group.length() != 2 || !isHex(group)) {
            throw bad("group (partition) must be 2 digits, got " + SafeText.quote(group, 16));
        }
        if (zoneOrUser.length() != 3 || !isHex(zoneOrUser)) {
            throw bad("zone/user must be 3 digits, got " + SafeText.quote(zoneOrUser, 16));
        }
        return new ContactIdMessage(account, messageType, qualifier, qxyz.substring(1).toUpperCase(java.util.Locale.ROOT),
                group.toUpperCase(java.util.Locale.ROOT), zoneOrUser.toUpperCase(java.util.Locale.ROOT));
    }

    private static String account(String account) {
        if (account.isEmpty() || account.length() > MAX_ACCOUNT || !isAlphanumeric(account)) {
            throw bad("account must be 1-" + MAX_ACCOUNT + " letters or digits, got " + SafeText.quote(account, 24));
        }
        return account;
    }

    private static String messageType(String messageType) {
        if (!messageType.equals("18") && !messageType.equals("98")) {
            throw new MalformedSignalException("cid.bad_message_type",
                    "message type must be 18 or 98, got " + SafeText.quote(messageType, 8));
        }
        return messageType;
    }

    /** DTMF Contact ID check: digit values (0 counts as 10) summed with the check digit are a multiple of 15. */
    private static void verifyCheckDigit(String text) {
        int sum = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = Character.digit(text.charAt(i), 16);
            if (value < 0) {
                throw bad("compact Contact ID must be hex digits");
            }
            sum += value == 0 ? 10 : value;
        }
        if (sum % 15 != 0) {
            throw new MalformedSignalException("cid.bad_checksum", "Contact ID check digit does not match");
        }
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    private static MalformedSignalException bad(String detail) {
        return new MalformedSignalException("cid.bad_format", detail);
    }
}
