package io.vigil.normalize.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.DecodeResult;
import io.vigil.normalize.EventDraft;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.From;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class Dc09PropertyTest {

    /** Any message framed with its own CRC and length passes both checks. */
    @Property
    void framedMessagesPassCrcAndLength(@ForAll @StringLength(max = 300) @CharRange(from = ' ', to = '~') String message) {
        DecodeResult result = Dc09Decoder.decodeText(Dc09DecoderTest.frame(message));

        if (result instanceof DecodeResult.Failed failed) {
            assertThat(failed.reasonCode()).isNotIn("dc09.crc_mismatch", "dc09.length_mismatch");
        }
    }

    /** CRC-16 detects every burst error of up to 16 bits, so any one changed character is caught. */
    @Property
    void anyChangedCharacterIsCaughtByTheCrc(@ForAll("validFrames") String frame, @ForAll @IntRange(min = 0, max = 1000) int at,
                                              @ForAll @CharRange(from = ' ', to = '~') char replacement) {
        int position = 8 + at % (frame.length() - 8);
        String corrupted = frame.substring(0, position) + replacement + frame.substring(position + 1);

        DecodeResult result = Dc09Decoder.decodeText(corrupted);

        if (replacement == frame.charAt(position)) {
            assertThat(result).isInstanceOf(DecodeResult.Drafts.class);
        } else {
            assertThat(result).isInstanceOfSatisfying(DecodeResult.Failed.class,
                    f -> assertThat(f.reasonCode()).isEqualTo("dc09.crc_mismatch"));
        }
    }

    /** A SIA-DCS frame with N codes yields N events carrying the frame's sequence, receiver and prefix. */
    @Property
    void siaFramesYieldOneEventPerCode(@ForAll @IntRange(max = 9999) int sequence,
                                        @ForAll("hex") String receiver, @ForAll("hex") String prefix,
                                        @ForAll @Size(min = 1, max = 20) List<@From("siaCodes") String> codes) {
        String data = "#1234|Nri1/" + String.join("/", codes.stream().map(c -> c + "01").toList());
        String message = String.format("\"SIA-DCS\"%04dR%sL%s#1234[%s]", sequence, receiver, prefix, data);

        DecodeResult result = Dc09Decoder.decodeText(Dc09DecoderTest.frame(message));

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Drafts.class, drafts -> {
            assertThat(drafts.drafts()).extracting(EventDraft::code).containsExactlyElementsOf(codes);
        });
    }

    @net.jqwik.api.Provide
    Arbitrary<String> validFrames() {
        return Arbitraries.of(Dc09DecoderTest.SIA_DCS_EXAMPLE.strip(), Dc09DecoderTest.ADM_CID_EXAMPLE.strip(),
                Dc09DecoderTest.frame("\"NULL\"0000R0L0#12345A[]"),
                Dc09DecoderTest.frame("\"SIA-DCS\"0002L0#1234[#1234|Nri1/BA01]_14:12:04,09-25-2024"));
    }

    @net.jqwik.api.Provide
    Arbitrary<String> hex() {
        return Arbitraries.strings().withChars("0123456789ABCDEF").ofMinLength(1).ofMaxLength(6);
    }

    @net.jqwik.api.Provide
    Arbitrary<String> siaCodes() {
        return Arbitraries.of("BA", "BR", "FA", "FR", "PA", "TA", "OP", "CL", "RP", "YT", "ZX", "QQ");
    }
}
