package io.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashIsArgon2idInPhcFormAndVerifiesOnlyItsPassword() {
        String hash = PasswordHash.hash("correct horse battery".toCharArray());
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(PasswordHash.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.verify("correct horse batterY".toCharArray(), hash)).isFalse();
        assertThat(PasswordHash.hash("correct horse battery".toCharArray())).as("salted").isNotEqualTo(hash);
    }

    @Test
    void aStoredHashIsCheckedWithItsOwnParameters() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[32];
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(8192).withIterations(3).withParallelism(2).build());
        generator.generateBytes("pässword".getBytes(StandardCharsets.UTF_8), out);
        String phc = "$argon2id$v=19$m=8192,t=3,p=2$" + Base64.getEncoder().withoutPadding().encodeToString(salt) + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(out);
        assertThat(PasswordHash.verify("pässword".toCharArray(), phc)).isTrue();
        assertThat(PasswordHash.verify("password".toCharArray(), phc)).isFalse();
    }

    @Test
    void malformedOrAbusiveStoredStringsNeverVerify() {
        assertThat(PasswordHash.verify("x".toCharArray(), null)).isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), "$2a$10$bcrypt")).isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), "$argon2i$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")).isFalse();
        // a memory cost beyond the cap is refused before any work
        assertThat(PasswordHash.verify("x".toCharArray(), "$argon2id$v=19$m=9999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")).isFalse();
    }
}
