package io.vigil.feeds.syslog;

import io.vigil.feeds.FeedRecord;
import io.vigil.feeds.FeedSeverity;
import io.vigil.feeds.FeedText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One RFC 5424 syslog message around a CEF text:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID [SD-ID kind="..." id="..." site="..."] MSG}.
 * Framing (RFC 5425 octet counting on TLS, one datagram per message on UDP) is the transport's job.
 */
public final class Rfc5424Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    /** Longest site id carried in the structured data; the CEF text carries it in full (up to 4000). */
    private static final int MAX_SD_VALUE = 255;

    private final SyslogFormat format;

    public Rfc5424Formatter(SyslogFormat format) {
        this.format = format;
    }

    public byte[] format(FeedRecord record, String message) {
        int pri = format.facility() * 8 + FeedSeverity.syslog(record.priority());
        StringBuilder out = new StringBuilder(message.length() + 200)
                .append('<').append(pri).append(">1 ")
                .append(timestamp(record.time())).append(' ')
                .append(format.hostname()).append(' ')
                .append(format.appName()).append(" - ")
                .append(record.kind()).append(' ')
                .append('[').append(format.sdId())
                .append(" kind=\"").append(paramValue(record.kind())).append('"')
                .append(" id=\"").append(paramValue(record.id())).append('"')
                .append(" site=\"").append(paramValue(record.siteId())).append('"')
                .append("] ")
                .append(message);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String timestamp(Instant time) {
        return TIMESTAMP.format(time);
    }

    /** An SD PARAM-VALUE: {@code "}, {@code \} and {@code ]} escaped with a backslash (RFC 5424 6.3.3), on one line. */
    public static String paramValue(String value) {
        String text = FeedText.oneLine(value, MAX_SD_VALUE);
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
