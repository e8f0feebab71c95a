package io.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpCodesTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238TestVectorsForSha1() {
        // RFC 6238, Appendix B: the SHA-1 column, 8 digits
        long[] times = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] codes = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        for (int i = 0; i < times.length; i++) {
            assertThat(TotpCodes.code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(times[i])), 8, "HmacSHA1"))
                    .as("T=%d", times[i]).isEqualTo(codes[i]);
        }
    }

    @Test
    void aCodeIsAcceptedWithinOneStepOfSkewAndOnlyOnce() {
        Instant now = Instant.ofEpochSecond(1234567890L);
        long step = TotpCodes.step(now);
        String current = TotpCodes.code(RFC_SECRET, step, 6, "HmacSHA1");
        String previous = TotpCodes.code(RFC_SECRET, step - 1, 6, "HmacSHA1");
        String tooOld = TotpCodes.code(RFC_SECRET, step - 2, 6, "HmacSHA1");

        assertThat(TotpCodes.match(RFC_SECRET, current, now, null)).hasValue(step);
        assertThat(TotpCodes.match(RFC_SECRET, previous, now, null)).hasValue(step - 1);
        assertThat(TotpCodes.match(RFC_SECRET, tooOld, now, null)).isEmpty();
        // replay: the step was used already
        assertThat(TotpCodes.match(RFC_SECRET, current, now, step)).isEmpty();
        assertThat(TotpCodes.match(RFC_SECRET, previous, now, step - 1)).isEmpty();
        assertThat(TotpCodes.match(RFC_SECRET, "12345", now, null)).isEmpty();
        assertThat(TotpCodes.match(RFC_SECRET, null, now, null)).isEmpty();
    }

    @Test
    void base32AsAuthenticatorAppsReadIt() {
        // RFC 4648 section 10, without padding
        assertThat(TotpCodes.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(TotpCodes.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(TotpCodes.uri("Vigil", "olga", RFC_SECRET)).startsWith("otpauth://totp/Vigil:olga?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&");
    }
}
