package io.vigil.support;

import org.slf4j.MDC;

/**
 * The stable fields of a log line about one message — {@code stage}, {@code site}, {@code event_id},
 * {@code reason} — as MDC entries for the duration of a block: the JSON log format
 * ({@code vigil.log.format=json}) writes them as fields of their own. Site-sent values are escaped
 * with {@link LogSafe} as in the text of a log line.
 *
 * <pre>{@code try (LogFields fields = LogFields.stage("escalation").site(siteId).reason("not-canonical")) { LOG.warn(...); }}</pre>
 */
public final class LogFields implements AutoCloseable {

    public static final String STAGE = "stage";
    public static final String SITE = "site";
    public static final String EVENT_ID = "event_id";
    public static final String REASON = "reason";

    private LogFields() {}

    /** Starts a block of fields with the stage (Vigil's own name, not escaped). */
    public static LogFields stage(String stage) {
        MDC.put(STAGE, stage);
        return new LogFields();
    }

    public LogFields site(String site) {
        return put(SITE, site);
    }

    public LogFields eventId(String eventId) {
        return put(EVENT_ID, eventId);
    }

    public LogFields reason(String reason) {
        return put(REASON, reason);
    }

    private LogFields put(String key, String value) {
        if (value != null) {
            String quoted = LogSafe.quote(value);
            MDC.put(key, quoted.substring(1, quoted.length() - 1));
        }
        return this;
    }

    @Override
    public void close() {
        MDC.remove(STAGE);
        MDC.remove(SITE);
        MDC.remove(EVENT_ID);
        MDC.remove(REASON);
    }
}
