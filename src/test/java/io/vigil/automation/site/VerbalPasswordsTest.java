package io.vigil.automation.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerbalPasswordsTest {

    @Test
    void aHashIsArgon2idInPhcFormAndNeverHoldsThePassword() {
        String hash = VerbalPasswords.hash("Blue Heron");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContainIgnoringCase("heron");
        assertThat(VerbalPasswords.isHash(hash)).isTrue();
        assertThat(VerbalPasswords.hash("Blue Heron")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void whatAnOperatorTypesMatchesWhateverTheCaseAndSpacing() {
        String hash = VerbalPasswords.hash("Blue Heron");
        assertThat(VerbalPasswords.matches("  blue   HERON ", hash)).isTrue();
        assertThat(VerbalPasswords.matches("blue heron.", hash)).isFalse();
        assertThat(VerbalPasswords.matches("red heron", hash)).isFalse();
    }

    @Test
    void aMalformedOrTooExpensiveHashIsNoHash() {
        assertThat(VerbalPasswords.isHash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(VerbalPasswords.isHash("$argon2id$v=19$m=9999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(VerbalPasswords.matches("x", "plain")).isFalse();
    }
}
