package io.vigil.trust.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.PublicKeys;
import io.vigil.trust.crypto.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device maker signs with the bundle's {@code signing-key.pem} using the distribution's OpenSSL
 * (Debian 12: 3.0), which refuses the RFC 5958 v2 form (with the public key) Bouncy Castle writes by
 * default for Ed25519 (issue 12, item 5). Needs the {@code openssl} binary (scripts/services installs it).
 */
class OpensslBundleKeyTest {

    @TempDir
    Path dir;

    @Test
    void theEd25519SigningKeyIsPkcs8VersionOneWithoutThePublicKey() throws Exception {
        DeviceBundle.writeSigningKey(dir, SigningKey.generate(SignatureAlgorithm.EDDSA));

        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pemContent(dir.resolve(DeviceBundle.SIGNING_KEY)));
        assertThat(info.getVersion()).isEqualTo(new ASN1Integer(0));
        assertThat(info.hasPublicKey()).isFalse();
        assertThat(info.getAttributes()).isNull();
    }

    @Test
    void opensslLoadsTheEd25519KeyAndItsSignatureVerifiesInVigil() throws Exception {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.EDDSA);
        DeviceBundle.writeSigningKey(dir, key);
        Path keyFile = dir.resolve(DeviceBundle.SIGNING_KEY);

        assertThat(openssl("pkey", "-in", keyFile.toString(), "-noout").exitCode).as("openssl pkey").isZero();

        byte[] signingInput = "eyJhbGciOiJFZERTQSJ9.eyJ2IjoxfQ".getBytes(StandardCharsets.US_ASCII);
        Path input = Files.write(dir.resolve("input"), signingInput);
        Path signature = dir.resolve("signature");
        Result signed = openssl("pkeyutl", "-sign", "-inkey", keyFile.toString(), "-rawin", "-in", input.toString(),
                "-out", signature.toString());
        assertThat(signed.exitCode).as(signed.output).isZero();

        byte[] bytes = Files.readAllBytes(signature);
        assertThat(bytes).hasSize(64);
        var verifier = PublicKeys.verifier(SignatureAlgorithm.EDDSA, key.subjectPublicKeyInfo());
        assertThat(verifier.verify(signingInput, 0, signingInput.length, bytes)).isTrue();
        // and the key Vigil reads back is the same one
        assertThat(DeviceBundle.readSigningKey(dir).subjectPublicKeyInfo()).isEqualTo(key.subjectPublicKeyInfo());
    }

    @Test
    void opensslLoadsTheEs256Key() throws Exception {
        DeviceBundle.writeSigningKey(dir, SigningKey.generate(SignatureAlgorithm.ES256));

        Result loaded = openssl("pkey", "-in", dir.resolve(DeviceBundle.SIGNING_KEY).toString(), "-noout");
        assertThat(loaded.exitCode).as(loaded.output).isZero();
    }

    private static byte[] pemContent(Path file) throws IOException {
        try (PemReader reader = new PemReader(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            return reader.readPemObject().getContent();
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
