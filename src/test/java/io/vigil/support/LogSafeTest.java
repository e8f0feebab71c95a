package io.vigil.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void controlAndNonAsciiCharactersAreEscaped() {
        assertThat(LogSafe.quote("a\nb\u001b[31m\"c\"\\ é\u202e")).isEqualTo("\"a\\nb\\u001b[31m\\\"c\\\"\\\\ \\u00e9\\u202e\"");
        assertThat(LogSafe.quote(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCut() {
        String quoted = LogSafe.quote("x".repeat(1000));
        assertThat(quoted).startsWith("\"xxx").endsWith("\"...(1000 chars)").hasSize(LogSafe.MAX_CHARS + 2 + "...(1000 chars)".length());
    }
}
