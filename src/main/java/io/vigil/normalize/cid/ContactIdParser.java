package io.vigil.normalize.cid;

import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.SafeText;
import io.vigil.normalize.cid.ContactIdMessage.Checksum;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the Contact ID text forms named in docs/events.md: {@code spaced}, {@code compact15},
 * {@code dtmf16}, {@code dtmf16-asterisk}, {@code bracketed}, {@code adm-cid}, {@code adm-cid-compact},
 * {@code adm-cid-bare-account} and {@code adm-cid-bare-account-compact}. Each form is recognised by its
 * shape (brackets, a bar, spaces, length); nothing is guessed from the content.
 */
public final class ContactIdParser {
    static final int MAX_ACCOUNT = 16;
    private static final Pattern SPACES = Pattern.compile(" +");
    /** Asterisk's AlarmReceiver writes the DTMF symbols for B-F as these characters. */
    private static final String ASTERISK_SYMBOLS = "*#ABC";
    private static final String ASTERISK_HEX = "BCDEF";

    private ContactIdParser() {}

    public static ContactIdMessage parse(String input) {
        String text = input.strip();
        if (text.startsWith("[")) {
            return parseBracketed(text);
        }
        int bar = text.indexOf('|');
        if (bar >= 0) {
            return parseAdmCid(text, bar);
        }
        if (text.indexOf(' ') >= 0) {
            return parseSpaced(text);
        }
        return parseCompact(text);
    }

    /** {@code #ACCT|QXYZ GG CCC}, {@code #ACCT|QXYZGGCCC}, and both without {@code #}. */
    private static ContactIdMessage parseAdmCid(String text, int bar) {
        boolean hash = text.startsWith("#");
        String account = account(text.substring(hash ? 1 : 0, bar));
        String event = text.substring(bar + 1).strip();
        String form = hash ? "adm-cid" : "adm-cid-bare-account";
        String[] parts = SPACES.split(event, -1);
        if (parts.length == 3) {
            return message(account, null, parts[0], parts[1], parts[2], form, null);
        }
        if (parts.length == 1 && event.length() == 9) {
            return message(account, null, event.substring(0, 4), event.substring(4, 6), event.substring(6, 9),
                    form + "-compact", null);
        }
        throw bad("ADM-CID event must be QXYZ GG CCC, got " + SafeText.quote(event, 40));
    }

    /** {@code ACCT MT QXYZ GG CCC}, optionally followed by the DC-05 check digit. */
    private static ContactIdMessage parseSpaced(String text) {
        String[] parts = SPACES.split(text, -1);
        if (parts.length != 5 && parts.length != 6) {
            throw bad("expected 5 fields ACCT MT QXYZ GG CCC (and a check digit), found " + parts.length);
        }
        Checksum checksum = null;
        if (parts.length == 6) {
            if (parts[5].length() != 1) {
                throw bad("check digit must be one character, got " + SafeText.quote(parts[5], 8));
            }
            checksum = dc05(String.join("", parts));
        }
        return message(account(parts[0]), messageType(parts[1]), parts[2], parts[3], parts[4], "spaced", checksum);
    }

    /** 15 characters without a check digit, or 16 DTMF symbols with one. */
    private static ContactIdMessage parseCompact(String text) {
        if (text.length() == 15) {
            return fixedFields(text, "compact15", null);
        }
        if (text.length() != 16) {
            throw bad("compact Contact ID has 15 characters (16 with check digit), found " + text.length());
        }
        boolean asteriskSymbols = text.indexOf('*') >= 0 || text.indexOf('#') >= 0;
        if (!asteriskSymbols) {
            String hex = text.replace('A', '0');
            Checksum checksum = dc05(text);
            if (checksum.status() == Checksum.Status.MATCH) {
                return fixedFields(hex, "dtmf16", checksum);
            }
            if (onlyDigitsAndAsteriskLetters(text)) {
                String asterisk = fromAsteriskSymbols(text);
                if (dc05(asterisk).status() == Checksum.Status.MATCH) {
                    return fixedFields(asterisk, "dtmf16-asterisk", dc05(asterisk));
                }
            }
            return fixedFields(hex, "dtmf16", checksum);
        }
        String asterisk = fromAsteriskSymbols(text);
        return fixedFields(asterisk, "dtmf16-asterisk", dc05(asterisk));
    }

    /** {@code [ACCT MTQXYZGGCCCS]} with one DC-05 check digit or four hex digits of Fletcher-16. */
    private static ContactIdMessage parseBracketed(String text) {
        if (!text.endsWith("]") || text.length() < 3) {
            throw bad("bracketed Contact ID must be [ACCT MTQXYZGGCCCS]");
        }
        String content = text.substring(1, text.length() - 1);
        int space = content.indexOf(' ');
        if (space < 0) {
            throw bad("bracketed Contact ID needs a space between account and report");
        }
        String account = account(content.substring(0, space));
        String report = content.substring(space + 1);
        Checksum checksum;
        if (report.length() == 12) {
            Boolean matches = ContactIdChecksums.dc05Matches(account + report);
            checksum = new Checksum("dc05", matches == null ? Checksum.Status.UNVERIFIED : status(matches));
        } else if (report.length() == 15) {
            String sent = report.substring(11).toUpperCase(Locale.ROOT);
            String computed = ContactIdChecksums.fletcher16(content.substring(0, content.length() - 4));
            checksum = new Checksum("fletcher", status(sent.equals(computed)));
        } else {
            throw bad("bracketed report must be MTQXYZGGCCC and a 1- or 4-character checksum, found "
                    + report.length() + " characters");
        }
        return message(account, messageType(report.substring(0, 2)), report.substring(2, 6), report.substring(6, 8),
                report.substring(8, 11), "bracketed", checksum);
    }

    private static ContactIdMessage fixedFields(String text, String form, Checksum checksum) {
        return message(account(text.substring(0, 4)), messageType(text.substring(4, 6)), text.substring(6, 10),
                text.substring(10, 12), text.substring(12, 15), form, checksum);
    }

    /** Digits and at least one of A-C: the characters both DTMF notations share but read differently. */
    private static boolean onlyDigitsAndAsteriskLetters(String text) {
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'C') {
                letter = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letter;
    }

    private static String fromAsteriskSymbols(String text) {
        StringBuilder hex = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int symbol = ASTERISK_SYMBOLS.indexOf(c);
            if (symbol >= 0) {
                hex.append(ASTERISK_HEX.charAt(symbol));
            } else if (c >= '0' && c <= '9') {
                hex.append(c);
            } else {
                throw bad("DTMF Contact ID must be 0-9, *, #, A-C in Asterisk's notation");
            }
        }
        return hex.toString();
    }

    private static Checksum dc05(String digits) {
        Boolean matches = ContactIdChecksums.dc05Matches(digits);
        if (matches == null) {
            throw bad("Contact ID with a check digit must be digits 0-9 and B-F");
        }
        return new Checksum("dc05", status(matches));
    }

    private static Checksum.Status status(boolean matches) {
        return matches ? Checksum.Status.MATCH : Checksum.Status.MISMATCH;
    }

    private static ContactIdMessage message(String account, String messageType, String qxyz, String group,
                                            String zoneOrUser, String form, Checksum checksum) {
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
        return new ContactIdMessage(account, messageType, qualifier, qxyz.substring(1).toUpperCase(Locale.ROOT),
                group.toUpperCase(Locale.ROOT), zoneOrUser.toUpperCase(Locale.ROOT), form, checksum);
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
