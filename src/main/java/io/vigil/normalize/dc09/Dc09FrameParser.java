package io.vigil.normalize.dc09;

import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.SafeText;
import java.util.Locale;

/**
 * Parses and checks a SIA DC-09 frame
 * {@code <LF><crc><0LLL>"<id>"<seq>[R<rcvr>][L<pref>][#<acct>][<data>][<x-data>]...[_HH:MM:SS,MM-DD-YYYY]<CR>}.
 * The CRC (four hex digits or two bytes) and the length (0 and three hex digits) cover everything from
 * the first quote to the end of the timestamp. LF, CR and NUL framing are optional here, so a frame can
 * sit on a text line. The forms it accepts are named in docs/events.md.
 */
public final class Dc09FrameParser {
    private static final int MAX_ID = 16;
    private static final int MAX_HEX_FIELD = 6;
    private static final int MAX_ACCOUNT = 16;

    private Dc09FrameParser() {}

    /** Parses a clear frame; an encrypted one is refused with {@code dc09.encrypted}. */
    public static Dc09Frame parse(String input) {
        Dc09RawFrame raw = read(input);
        if (raw.header().encrypted()) {
            throw new MalformedSignalException("dc09.encrypted", "encrypted DC-09 frame (\"*" + raw.header().protocol()
                    + "\") and no key: enrol the account's AES key (trust profile dc09-aes), or decode with --dc09-key");
        }
        return new Dc09Frame(raw.header(), raw.crcForm(), raw.lengthMatches(), Dc09DataPartParser.parse(raw.dataPart()));
    }

    /**
     * Checks the CRC, compares the length and reads the header, leaving the data part raw (clear or
     * encrypted): the step a decryption can follow before {@link Dc09DataPartParser} reads the clear data part.
     */
    public static Dc09RawFrame read(String input) {
        String frame = stripFraming(input);
        int messageStart;
        int expectedCrc;
        Dc09CrcForm crcForm;
        if (isBinaryCrcFrame(frame)) {
            expectedCrc = (frame.charAt(0) & 0xFF) << 8 | (frame.charAt(1) & 0xFF);
            crcForm = Dc09CrcForm.BINARY;
            messageStart = 6;
        } else {
            if (frame.length() < 8) {
                throw new MalformedSignalException("dc09.bad_frame", "frame shorter than its CRC and length fields");
            }
            expectedCrc = hex(frame, 0, 4, "dc09.bad_frame", "CRC field must be 4 hex digits or 2 bytes");
            crcForm = hasLowerCase(frame, 0, 4) ? Dc09CrcForm.HEX_LOWERCASE : Dc09CrcForm.HEX;
            messageStart = 8;
        }
        int lengthStart = messageStart - 4;
        if (frame.charAt(lengthStart) != '0') {
            throw new MalformedSignalException("dc09.bad_length", "length field must be 0LLL");
        }
        int expectedLength = hex(frame, lengthStart + 1, messageStart, "dc09.bad_length",
                "length field must be 0 and 3 hex digits");
        int actualCrc = Crc16Arc.of(frame, messageStart, frame.length());
        if (actualCrc != expectedCrc) {
            throw new MalformedSignalException("dc09.crc_mismatch", String.format(Locale.ROOT,
                    "CRC field says %04X, message CRC is %04X", expectedCrc, actualCrc));
        }
        boolean lengthMatches = frame.length() - messageStart == expectedLength;
        return new HeaderReader(frame, messageStart).read(crcForm, lengthMatches);
    }

    /**
     * Two CRC bytes, then {@code 0LLL"}: a hex-CRC frame has a hex digit where this one has the quote,
     * so the two forms cannot be confused.
     */
    private static boolean isBinaryCrcFrame(String frame) {
        return frame.length() > 6 && frame.charAt(6) == '"' && frame.charAt(2) == '0'
                && frame.charAt(0) <= 0xFF && frame.charAt(1) <= 0xFF;
    }

    /** LF before and CR, LF or NUL after the frame are transport framing, sent or not. */
    private static String stripFraming(String input) {
        int to = input.length();
        while (to > 0 && (input.charAt(to - 1) == '\r' || input.charAt(to - 1) == '\n' || input.charAt(to - 1) == 0)) {
            to--;
        }
        String frame = input.substring(0, to);
        if (frame.startsWith("\n")) {
            // a binary CRC may itself start with the LF byte: the LF is framing unless only the whole is a frame
            String withoutLf = frame.substring(1);
            if (looksLikeFrame(withoutLf) || !looksLikeFrame(frame)) {
                return withoutLf;
            }
        }
        return frame;
    }

    private static boolean looksLikeFrame(String frame) {
        return (frame.length() > 8 && frame.charAt(8) == '"') || isBinaryCrcFrame(frame);
    }

    private static boolean hasLowerCase(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 'a' && s.charAt(i) <= 'f') {
                return true;
            }
        }
        return false;
    }

    static int hex(String s, int from, int to, String reason, String detail) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = hexDigit(s.charAt(i));
            if (digit < 0) {
                throw new MalformedSignalException(reason, detail);
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** Reads the header, from the first quote up to the data part. */
    private static final class HeaderReader {
        private final String s;
        private int i;

        HeaderReader(String s, int start) {
            this.s = s;
            this.i = start;
        }

        Dc09RawFrame read(Dc09CrcForm crcForm, boolean lengthMatches) {
            String id = quotedId();
            boolean encrypted = id.startsWith("*");
            String protocol = encrypted ? id.substring(1) : id;
            if (!protocol.equals("SIA-DCS") && !protocol.equals("ADM-CID") && !protocol.equals("NULL")) {
                throw new MalformedSignalException("dc09.unsupported_protocol",
                        "protocol " + SafeText.quote(id, 20) + " is not supported (SIA-DCS, ADM-CID, NULL are)");
            }
            String sequence = sequence();
            String receiver = peek('R') ? hexField('R', "receiver", 1) : null;
            String prefix = null;
            if (peek('L')) {
                prefix = hexField('L', "line prefix", 0);
            } else if (!peek('#') && !peek('[')) {
                throw header("line prefix L<hex>, account or data expected after the sequence");
            }
            String account = peek('#') ? account() : null;
            if (!peek('[')) {
                throw header("data block [...] expected");
            }
            return new Dc09RawFrame(new Dc09Header(protocol, encrypted, sequence, receiver, prefix, account),
                    s.substring(i), crcForm, lengthMatches);
        }

        private String quotedId() {
            if (!peek('"')) {
                throw new MalformedSignalException("dc09.bad_frame", "protocol id must start with '\"'");
            }
            int end = s.indexOf('"', i + 1);
            if (end < 0 || end - i - 1 > MAX_ID || end == i + 1) {
                throw new MalformedSignalException("dc09.bad_frame", "protocol id must be 1-" + MAX_ID
                        + " characters between quotes");
            }
            String id = s.substring(i + 1, end);
            i = end + 1;
            return id;
        }

        private String sequence() {
            if (i + 4 > s.length()) {
                throw header("sequence number must be 4 digits");
            }
            for (int k = i; k < i + 4; k++) {
                if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                    throw header("sequence number must be 4 digits");
                }
            }
            String sequence = s.substring(i, i + 4);
            i += 4;
            return sequence;
        }

        private String hexField(char marker, String name, int minDigits) {
            int start = ++i;
            while (i < s.length() && hexDigit(s.charAt(i)) >= 0) {
                i++;
            }
            if (i - start < minDigits || i - start > MAX_HEX_FIELD) {
                throw header(name + " after '" + marker + "' must be " + minDigits + "-" + MAX_HEX_FIELD + " hex digits");
            }
            return s.substring(start, i).toUpperCase(Locale.ROOT);
        }

        private String account() {
            int start = ++i;
            while (i < s.length() && isAlphanumeric(s.charAt(i))) {
                i++;
            }
            if (i == start || i - start > MAX_ACCOUNT) {
                throw header("account after '#' must be 1-" + MAX_ACCOUNT + " letters or digits");
            }
            return s.substring(start, i);
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private static boolean isAlphanumeric(char c) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }

        private static MalformedSignalException header(String detail) {
            return new MalformedSignalException("dc09.bad_header", detail);
        }
    }
}
