package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.VigilProperties;
import io.vigil.support.LogFields;
import io.vigil.support.LogSafe;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void jsonLinesCarryTheStableFieldsEscapedAsInTextLogsAndStayOneLine() throws Exception {
        Encoder<ILoggingEvent> encoder = LogSetup.encoder(context, LogSetup.Format.JSON);
        String site = "evil\n{\"level\":\"ERROR\"}\u001b[2J";
        byte[] line;
        try (LogFields fields = LogFields.stage("escalation").site(site).eventId("e-1").reason("not_canonical")) {
            line = encoder.encode(event("skipping a record of {}", LogSafe.quote(site)));
        }
        String text = new String(line, StandardCharsets.UTF_8);

        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        JsonNode json = JSON.readTree(text);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("stage").asText()).isEqualTo("escalation");
        assertThat(json.path("event_id").asText()).isEqualTo("e-1");
        assertThat(json.path("reason").asText()).isEqualTo("not_canonical");
        // the field holds what LogSafe makes of the site's text: no raw control character survives
        assertThat(json.path("site").asText()).isEqualTo("evil\\n{\\\"level\\\":\\\"ERROR\\\"}\\u001b[2J");
        assertThat(json.path("message").asText()).isEqualTo("skipping a record of " + LogSafe.quote(site));
    }

    @Test
    void theFieldsAreGoneAfterTheBlock() throws Exception {
        try (LogFields fields = LogFields.stage("trust").site("site-1")) {
            assertThat(org.slf4j.MDC.get("site")).isEqualTo("site-1");
        }
        JsonNode json = JSON.readTree(LogSetup.encoder(context, LogSetup.Format.JSON).encode(event("after")));
        assertThat(json.has("stage")).isFalse();
        assertThat(json.has("site")).isFalse();
    }

    @Test
    void textIsTheDefaultAndAnythingButTextOrJsonIsRefused() {
        assertThat(LogSetup.format(VigilProperties.of(Map.of()))).isEqualTo(LogSetup.Format.TEXT);
        assertThat(LogSetup.format(VigilProperties.of(Map.of("vigil.log.format", "JSON")))).isEqualTo(LogSetup.Format.JSON);
        assertThatThrownBy(() -> LogSetup.format(VigilProperties.of(Map.of("vigil.log.format", "xml"))))
                .hasMessageContaining("vigil.log.format must be text or json");
    }

    @Test
    void toFileSendsEveryLineToTheFileAndOnlyWarningsToTheTerminal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("vigil.log");
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try {
            LogSetup.toFile(VigilProperties.of(Map.of()), file);
            org.slf4j.Logger log = LoggerFactory.getLogger("org.apache.camel.test");
            log.info("framework chatter");

            assertThat(java.nio.file.Files.readString(file)).contains("INFO ", "framework chatter");
            var console = root.getAppender(LogSetup.CONSOLE);
            assertThat(console.getFilterChainDecision(new LoggingEvent(LogSetupTest.class.getName(),
                    context.getLogger("x"), Level.INFO, "info line", null, null))).isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
            assertThat(console.getFilterChainDecision(new LoggingEvent(LogSetupTest.class.getName(),
                    context.getLogger("x"), Level.WARN, "warning", null, null))).isNotEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        } finally {
            var appender = root.getAppender("FILE");
            root.detachAppender(appender);
            appender.stop();
            root.getAppender(LogSetup.CONSOLE).clearAllFilters();
        }
    }

    private ILoggingEvent event(String message, Object... arguments) {
        return new LoggingEvent(LogSetupTest.class.getName(), context.getLogger("io.vigil.test"), Level.WARN, message, null, arguments);
    }
}
