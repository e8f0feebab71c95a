package io.vigil.dc09;

import io.vigil.normalize.dc09.Crc16Arc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** Builds DC-09 frames as a panel sends them, for tests. */
public final class Dc09TestFrames {

    private Dc09TestFrames() {}

    /** {@code "<id>"<seq>R<rcvr>L<line>#<acct>[<data>]_<timestamp>} framed LF, CRC, length, CR. */
    public static byte[] frame(String id, int seq, String account, String data, Instant at) {
        return framed(body(id, seq, account, data, at));
    }

    public static String body(String id, int seq, String account, String data, Instant at) {
        return String.format(Locale.ROOT, "\"%s\"%04dR1L1#%s[%s]", id, seq, account, data)
                + (at == null ? "" : "_" + Dc09Answers.TIMESTAMP.format(at));
    }

    public static byte[] framed(String body) {
        return Dc09Answers.framed(body);
    }

    /** The same frame with a CRC that does not match. */
    public static byte[] badCrc(String body) {
        int crc = Crc16Arc.of(body) ^ 0x1;
        return String.format(Locale.ROOT, "\n%04X%04X%s\r", crc, body.length(), body).getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String text(byte[] frame) {
        return new String(frame, StandardCharsets.ISO_8859_1);
    }
}
