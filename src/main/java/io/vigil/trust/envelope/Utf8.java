package io.vigil.trust.envelope;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 through the JDK's coders set to report, not replace: {@code String.getBytes} and {@code new String}
 * would silently substitute what they cannot map. The JDK's UTF-8 decoder refuses overlongs, encoded surrogates
 * and code points above U+10FFFF; its encoder refuses unpaired surrogates.
 */
final class Utf8 {

    private Utf8() {}

    /** True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
    static boolean isValid(byte[] b, int off, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** UTF-8 bytes of a string, refusing unpaired surrogates (JSON escapes can produce them). */
    static byte[] encodeStrict(String s) throws MalformedEnvelopeException {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new MalformedEnvelopeException("body holds an unpaired surrogate");
        }
    }
}
