package io.vigil.trust.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the envelope readers refuse as text: pinned before the strict checks moved to the JDK's coders. */
class Utf8Test {

    @Test
    void acceptsWellFormedUtf8UpToTheLastCodePoint() {
        for (String text : new String[] {"", "plain", "zone Ä", "€ 12", "\uD83D\uDEA8 alarm", "\uDBFF\uDFFF", "\u0000"}) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.isValid(bytes, 0, bytes.length)).as(text).isTrue();
        }
    }

    @Test
    void refusesWhatIsNotWellFormed() {
        int[][] malformed = {
            {0xc3, 0x28},                   // bad continuation
            {0xc0, 0xaf},                   // overlong '/'
            {0xe0, 0x80, 0xaf},             // overlong, three bytes
            {0xf0, 0x80, 0x80, 0xaf},       // overlong, four bytes
            {0xed, 0xa0, 0x80},             // encoded surrogate U+D800
            {0xed, 0xbf, 0xbf},             // encoded surrogate U+DFFF
            {0xf4, 0x90, 0x80, 0x80},       // above U+10FFFF
            {0xf5, 0x80, 0x80, 0x80},       // lead byte never used
            {0xff},
            {0x80},                         // lone continuation
            {0xe2, 0x82},                   // truncated
            {0x41, 0xf0, 0x9f, 0x9a},       // truncated at the end
        };
        for (int[] ints : malformed) {
            byte[] bytes = new byte[ints.length + 2];
            for (int i = 0; i < ints.length; i++) {
                bytes[i + 1] = (byte) ints[i];
            }
            assertThat(Utf8.isValid(bytes, 1, ints.length)).as(java.util.Arrays.toString(ints)).isFalse();
        }
    }

    @Test
    void checksOnlyTheGivenRange() {
        byte[] bytes = {(byte) 0xff, 'o', 'k', (byte) 0xc3};
        assertThat(Utf8.isValid(bytes, 1, 2)).isTrue();
    }

    @Test
    void encodesPairedSurrogatesAndRefusesUnpairedOnes() throws MalformedEnvelopeException {
        assertThat(Utf8.encodeStrict("\uD83D\uDEA8 €")).isEqualTo("\uD83D\uDEA8 €".getBytes(StandardCharsets.UTF_8));
        assertThat(Utf8.encodeStrict("")).isEmpty();
        for (String text : new String[] {"\uD83D", "a\uD83Db", "\uDEA8", "x\uDEA8\uD83D"}) {
            assertThatThrownBy(() -> Utf8.encodeStrict(text)).isInstanceOf(MalformedEnvelopeException.class)
                    .hasMessage("body holds an unpaired surrogate");
        }
    }
}
