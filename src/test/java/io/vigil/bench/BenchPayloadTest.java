package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchPayloadTest {

    private final BenchPayload payload = BenchPayload.INSTANCE;

    @Test
    void aStampSurvivesTheRoundTripInExactly300Bytes() {
        BenchStamp stamp = new BenchStamp("ab12cd34", BenchStamp.Phase.PACED, 123_456_789_012L, 1_795_000_000_123_456L);

        byte[] bytes = payload.encode(stamp);

        assertThat(bytes).hasSize(300);
        assertThat(payload.decode(bytes)).contains(stamp);
        assertThat(new String(bytes, 0, 40, StandardCharsets.US_ASCII)).startsWith("VB1 ab12cd34 P 123456789012 ");
    }

    @Test
    void anythingElseIsNotAStamp() {
        assertThat(payload.decode("1234 18 1130 01 015".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(payload.decode(new byte[300])).isEmpty();
        byte[] corrupted = payload.encode(new BenchStamp("ab12cd34", BenchStamp.Phase.MEASURED, 7, 8));
        corrupted[20] = 'z';
        assertThat(payload.decode(corrupted)).isEmpty();
    }

    @Test
    void aStampInsideALargerMessageIsFoundAtItsOffset() {
        BenchStamp stamp = new BenchStamp("zzzz0000", BenchStamp.Phase.MEASURED, 1, 2);
        byte[] wrapped = new byte[310];
        System.arraycopy(payload.encode(stamp), 0, wrapped, 10, 300);

        assertThat(payload.decode(wrapped, 10)).contains(stamp);
    }

    @Test
    void tagsAreEightLowerCaseLettersOrDigits() {
        assertThatThrownBy(() -> new BenchStamp("ABCDEFGH", BenchStamp.Phase.MEASURED, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchStamp("short", BenchStamp.Phase.MEASURED, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
