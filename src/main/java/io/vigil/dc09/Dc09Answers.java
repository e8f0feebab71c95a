package io.vigil.dc09;

import io.vigil.normalize.dc09.Crc16Arc;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.normalize.dc09.Dc09Header;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The receiver's answers to a frame (docs/dc09.md, "Responses"), framed LF, CRC, length, body, CR. */
public final class Dc09Answers {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Dc09Answers() {}

    /** {@code "ACK"<seq>[R<rcvr>]L<line>#<acct>[]}: the frame is stored. */
    public static byte[] ack(Dc09Header request) {
        return echo("ACK", request);
    }

    /**
     * The ACK to an encrypted frame: {@code "*ACK"<seq>[R<rcvr>]L<line>#<acct>[<hex>} where the hex
     * decrypts to a pad, {@code ]} and the receiver's timestamp.
     */
    public static byte[] encryptedAck(Dc09Header request, Dc09Cipher cipher, Instant now) {
        String clear = new String(echo("ACK", request, "_" + TIMESTAMP.format(now)), StandardCharsets.ISO_8859_1);
        return ("\n" + Dc09Decryption.encrypt(clear, cipher) + "\r").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code "DUH"...}: understood, not supported. */
    public static byte[] duh(Dc09Header request) {
        return echo("DUH", request);
    }

    /** {@code "NAK"0000R0L0A0[]_HH:MM:SS,MM-DD-YYYY}: never encrypted, carries the receiver's UTC time. */
    public static byte[] nak(Instant now) {
        return framed("\"NAK\"0000R0L0A0[]_" + TIMESTAMP.format(now));
    }

    private static byte[] echo(String id, Dc09Header request) {
        return echo(id, request, "");
    }

    private static byte[] echo(String id, Dc09Header request, String afterData) {
        StringBuilder body = new StringBuilder(48).append('"').append(id).append('"').append(request.sequence());
        if (request.receiver() != null) {
            body.append('R').append(request.receiver());
        }
        body.append('L').append(request.prefix());
        if (request.account() != null) {
            body.append('#').append(request.account());
        }
        return framed(body.append("[]").append(afterData).toString());
    }

    /** LF, CRC-16/ARC in 4 hex digits, {@code 0LLL}, the body, CR. */
    public static byte[] framed(String body) {
        return String.format(Locale.ROOT, "\n%04X%04X%s\r", Crc16Arc.of(body), body.length(), body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
