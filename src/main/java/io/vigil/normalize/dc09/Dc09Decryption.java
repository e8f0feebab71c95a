package io.vigil.normalize.dc09;

import io.vigil.normalize.MalformedSignalException;
import java.util.Locale;

/**
 * Turns an encrypted DC-09 frame ({@code "*SIA-DCS"}, {@code "*ADM-CID"}, {@code "*NULL"}, replies
 * such as {@code "*ACK"}) into the clear frame it stands for. Between the two halves of the frame
 * reader: the header up to {@code #<acct>[} is read clear (and the CRC, which covers the hex text
 * as sent, checked); what follows is hex of {@code pad | data ] [x-data] _timestamp}, decrypted
 * here; the pad (1-16 characters, never {@code |[]}) and the {@code |} after it are dropped (a
 * reply, which has no data, has {@code ]} right after the pad). The clear frame gets a CRC and
 * length of its own, so every consumer reads it like any other frame.
 */
public final class Dc09Decryption {
    private static final int MAX_PAD = 16;

    private Dc09Decryption() {}

    /** A decrypted frame: the clear text (framed, CRC over it) and what it says. */
    public record Decrypted(String clearFrame, Dc09Frame frame, int keyBits) {}

    /** True for a frame whose CRC checks and whose id carries the {@code *} encryption mark. */
    public static boolean isEncrypted(String input) {
        try {
            return Dc09FrameParser.read(input).header().encrypted();
        } catch (MalformedSignalException e) {
            return false;
        }
    }

    /**
     * Reads the frame as sent ({@link Dc09FrameParser#read}: CRC over the hex text, header), decrypts
     * its data part and parses the clear frame.
     *
     * @throws MalformedSignalException the frame's own reasons for a broken frame, {@code dc09.decrypt_failed}
     *                                  when the key does not fit (not whole blocks, no pad, bytes that
     *                                  are not text after the pad), {@code dc09.not_encrypted} for a clear frame
     */
    public static Decrypted decrypt(String input, Dc09Cipher cipher) {
        Dc09RawFrame raw = Dc09FrameParser.read(input);
        if (!raw.header().encrypted()) {
            throw new MalformedSignalException("dc09.not_encrypted", "frame is not encrypted (no '*' before its id)");
        }
        if (!raw.dataPart().startsWith("[")) {
            throw new MalformedSignalException("dc09.bad_frame", "encrypted frame has no '[' before its encrypted part");
        }
        String plain = cipher.decryptHex(raw.dataPart().substring(1));
        int end = firstSeparator(plain);
        if (end < 1 || end > MAX_PAD) {
            throw new MalformedSignalException("dc09.decrypt_failed",
                    "decrypted text has no pad of 1-" + MAX_PAD + " characters before '|' or ']': wrong key?");
        }
        String rest = plain.charAt(end) == '|' ? plain.substring(end + 1) : plain.substring(end);
        for (int k = 0; k < rest.length(); k++) {
            char c = rest.charAt(k);
            if (c < 0x20 || c > 0x7E) {
                throw new MalformedSignalException("dc09.decrypt_failed",
                        "decrypted text is not printable after the pad: wrong key?");
            }
        }
        String clearFrame = framed("\"" + raw.header().protocol() + "\"" + headerAfterId(input, raw) + "[" + rest);
        return new Decrypted(clearFrame, Dc09FrameParser.parse(clearFrame), cipher.bits());
    }

    /**
     * Encrypts a clear frame the way a panel (or a receiver's reply) does: the header stays, the
     * part after {@code [} gets a pad and, for data, a {@code |} separator. For tests and for the
     * DC-09 receiver's encrypted replies.
     */
    public static String encrypt(String clearInput, Dc09Cipher cipher) {
        String frame = clearInput.strip();
        int idEnd = frame.length() > 9 && frame.charAt(8) == '"' ? frame.indexOf('"', 9) : -1;
        int bracket = idEnd < 0 ? -1 : frame.indexOf('[', idEnd);
        if (bracket < 0 || frame.charAt(9) == '*') {
            throw new IllegalArgumentException("not a clear DC-09 frame (hex CRC) with a data block");
        }
        String after = frame.substring(bracket + 1);
        String text = after.startsWith("]") ? after : "|" + after;
        return framed("\"*" + frame.substring(9, bracket + 1) + cipher.encryptToHex(text));
    }

    /** CRC and length fields ({@code CCCC0LLL}, hex) followed by the body. */
    static String framed(String body) {
        return String.format(Locale.ROOT, "%04X%04X", Crc16Arc.of(body), body.length()) + body;
    }

    /**
     * The header text between the id's closing quote and the data part's {@code [}, as sent
     * ({@code <seq>R<rcvr>L<pref>#<acct>}): the data part is the end of the frame, and the header
     * after the id holds no quote.
     */
    private static String headerAfterId(String input, Dc09RawFrame raw) {
        int to = input.length();
        while (to > 0 && (input.charAt(to - 1) == '\r' || input.charAt(to - 1) == '\n' || input.charAt(to - 1) == 0)) {
            to--;
        }
        int bracket = to - raw.dataPart().length();
        int idEnd = input.lastIndexOf('"', bracket);
        return input.substring(idEnd + 1, bracket);
    }

    private static int firstSeparator(String plain) {
        for (int k = 0; k < plain.length(); k++) {
            char c = plain.charAt(k);
            if (c == '|' || c == ']') {
                return k;
            }
            if (c == '[') {
                return -1;
            }
        }
        return -1;
    }
}
