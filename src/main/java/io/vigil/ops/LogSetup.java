package io.vigil.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import io.vigil.config.VigilProperties;
import java.nio.file.Path;
import java.util.Locale;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Where log lines go and in what form (docs/operations.md): {@code vigil.log.format=text} keeps
 * logback.xml's line format, {@code json} writes one JSON object per line (logstash-logback-encoder:
 * timestamp, level, logger, thread, message, the MDC fields of {@link io.vigil.support.LogFields},
 * stack trace). The demo sends every line to a file and only warnings to the terminal.
 */
public final class LogSetup {

    /** The console appender of logback.xml. */
    static final String CONSOLE = "STDERR";
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %replace(%msg){'[\\r\\n]+', '\\\\n'}%n%ex";

    public enum Format { TEXT, JSON }

    private LogSetup() {}

    public static Format format(VigilProperties properties) {
        String value = properties.get("vigil.log.format", "text").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new IllegalArgumentException("vigil.log.format must be text or json, not " + value);
        };
    }

    /** Applies {@code vigil.log.format} to the console. */
    public static void apply(VigilProperties properties) {
        if (format(properties) == Format.JSON) {
            LoggerContext context = context();
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            replaceConsole(context, start(console, CONSOLE, context, Format.JSON));
        }
    }

    /**
     * Every line to {@code file} (in the configured format), and only {@code WARN} and above to the
     * terminal: a program that prints its own lines (the demo) keeps them readable.
     */
    public static void toFile(VigilProperties properties, Path file) {
        LoggerContext context = context();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setFile(file.toString());
        appender.setAppend(true);
        root.addAppender(start(appender, "FILE", context, format(properties)));
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
        if (console != null) {
            ThresholdFilter warnings = new ThresholdFilter();
            warnings.setLevel(Level.WARN.toString());
            warnings.start();
            console.addFilter(warnings);
        }
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static void replaceConsole(LoggerContext context, Appender<ILoggingEvent> replacement) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> old = root.getAppender(CONSOLE);
        root.addAppender(replacement);
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
    }

    private static <A extends OutputStreamAppender<ILoggingEvent>> A start(A appender, String name, LoggerContext context,
                                                                          Format format) {
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder(context, format));
        appender.start();
        return appender;
    }

    static Encoder<ILoggingEvent> encoder(LoggerContext context, Format format) {
        if (format == Format.JSON) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(context);
            json.setIncludeContext(false);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
