package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(SafeText.escape("a\nb\rc\td\u0000e\u007f\u0085\\")).isEqualTo("a\\nb\\rc\\td\\x00e\\x7F\\x85\\\\");
    }

    @Test
    void separatorsAndBidiOverridesAreEscaped() {
        assertThat(SafeText.escape("x\u2028y\u202Ez")).isEqualTo("x\\u2028y\\u202Ez");
    }

    @Test
    void plainTextIsUntouched() {
        assertThat(SafeText.escape("Zone 5 – Küche")).isEqualTo("Zone 5 – Küche");
    }

    @Test
    void longTextIsCutWithACount() {
        assertThat(SafeText.escape("abcdef", 3)).isEqualTo("abc...(3 more)");
    }

    @Test
    void quotingEscapesQuotes() {
        assertThat(SafeText.quote("say \"hi\"\n", 40)).isEqualTo("\"say \\\"hi\\\"\\n\"");
    }

    @Test
    void escapeControlsLeavesExistingEscapesAlone() {
        assertThat(SafeText.escapeControls("got \"\\x01\"\n", 40)).isEqualTo("got \"\\x01\"\\n");
    }
}
