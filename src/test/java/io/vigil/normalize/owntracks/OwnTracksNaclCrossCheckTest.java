package io.vigil.normalize.owntracks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the Bouncy Castle secretbox against libsodium itself, through PyNaCl (Debian's
 * python3-nacl, installed by scripts/services up): a payload sealed by libsodium opens here, and
 * one sealed here opens in libsodium. The key is derived on the Python side as the OwnTracks app
 * derives it (UTF-8, zero-filled or cut to 32 bytes).
 */
class OwnTracksNaclCrossCheckTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SECRET = "pynacl \u00e9 secret";
    private static final String KEY = "key = sys.argv[2].encode('utf-8')[:32].ljust(32, b'\\0'); box = nacl.secret.SecretBox(key)\n";

    @Test
    void aPayloadSealedByLibsodiumOpensHere() throws Exception {
        String location = "{\"_type\":\"location\",\"lat\":50.1,\"lon\":8.6,\"tst\":1700000000}";
        String data = python("import sys, base64, nacl.secret\n" + KEY
                + "print(base64.b64encode(bytes(box.encrypt(sys.argv[1].encode('utf-8')))).decode())\n", location, SECRET);

        assertThat(new String(OwnTracksSecretBox.fromSecret(SECRET).openBase64(data), StandardCharsets.UTF_8))
                .isEqualTo(location);
    }

    @Test
    void aPayloadSealedHereOpensInLibsodium() throws Exception {
        String location = "{\"_type\":\"location\",\"lat\":-33.9,\"lon\":18.4,\"tst\":1700000001}";
        String data = OwnTracksSecretBox.fromSecret(SECRET).sealBase64(location.getBytes(StandardCharsets.UTF_8));

        assertThat(python("import sys, base64, nacl.secret\n" + KEY
                + "print(box.decrypt(base64.b64decode(sys.argv[1])).decode('utf-8'))\n", data, SECRET)).isEqualTo(location);
    }

    private static String python(String script, String argument, String secret) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(PYTHON, "-c", script, argument, secret)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("python3-nacl (scripts/services up installs it): %s", output).isZero();
        return output;
    }
}
