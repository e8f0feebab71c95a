package io.vigil.normalize.owntracks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.normalize.MalformedSignalException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OwnTracksSecretBoxTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * NaCl's secretbox test ({@code tests/secretbox.c}, also libsodium {@code test/default/secretbox.c}):
     * key "firstkey", nonce "nonce", the 131-byte message and the expected box (MAC || ciphertext).
     */
    private static final byte[] KEY = HEX.parseHex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    private static final byte[] NONCE = HEX.parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    private static final byte[] MESSAGE = HEX.parseHex(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c6129"
            + "6cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705");
    private static final byte[] BOX = HEX.parseHex(
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186a"
            + "c0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
            + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74"
            + "e355a5");

    @Test
    void sealsAndOpensNaClsKnownAnswer() {
        OwnTracksSecretBox box = OwnTracksSecretBox.ofKey(KEY);

        assertThat(HEX.formatHex(box.seal(NONCE, MESSAGE))).isEqualTo(HEX.formatHex(BOX));
        assertThat(box.open(NONCE, BOX, 0, BOX.length)).isEqualTo(MESSAGE);
    }

    @Test
    void theKeyIsTheSecretsUtf8BytesZeroFilledOrCutTo32AsTheAndroidAppMakesIt() {
        byte[] nonce = new byte[24];
        byte[] message = "{\"_type\":\"location\"}".getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf("s3cret-\u00e9".getBytes(StandardCharsets.UTF_8), 32);

        assertThat(OwnTracksSecretBox.fromSecret("s3cret-\u00e9").seal(nonce, message))
                .isEqualTo(OwnTracksSecretBox.ofKey(padded).seal(nonce, message));
        String longSecret = "0123456789abcdef0123456789abcdefEXTRA";
        assertThat(OwnTracksSecretBox.fromSecret(longSecret).seal(nonce, message))
                .isEqualTo(OwnTracksSecretBox.ofKey(longSecret.substring(0, 32).getBytes(StandardCharsets.UTF_8))
                        .seal(nonce, message));
    }

    @Test
    void aWrongSecretOrAFlippedBitIsDecryptFailed() {
        OwnTracksSecretBox box = OwnTracksSecretBox.fromSecret("right");
        String data = box.sealBase64("{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":1}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> OwnTracksSecretBox.fromSecret("wrong").openBase64(data))
                .extracting(e -> ((MalformedSignalException) e).reasonCode()).isEqualTo("owntracks.decrypt_failed");
        byte[] wire = Base64.getDecoder().decode(data);
        wire[wire.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(wire);
        assertThatThrownBy(() -> box.openBase64(tampered))
                .extracting(e -> ((MalformedSignalException) e).reasonCode()).isEqualTo("owntracks.decrypt_failed");
        assertThatThrownBy(() -> box.openBase64("c2hvcnQ="))
                .extracting(e -> ((MalformedSignalException) e).reasonCode()).isEqualTo("owntracks.decrypt_failed");
    }
}
