package io.vigil.trust.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.VigilProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CryptoProvidersTest {

    @Test
    void autoChoosesAccpWhereItLoadsAndTheChoiceStaysMade() {
        KnownAnswerTest.assumeRunsHere(CryptoProvider.ACCP);
        assertThat(CryptoProviders.active()).isEqualTo(CryptoProvider.ACCP);
        assertThat(CryptoProviders.active().label()).isEqualTo("accp-2.5.0");
        assertThat(CryptoProviders.select(CryptoProviders.Choice.AUTO)).isEqualTo(CryptoProvider.ACCP);
        assertThatThrownBy(() -> CryptoProviders.select(CryptoProviders.Choice.BOUNCYCASTLE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot change");
    }

    @Test
    void theConfigKeyTakesAutoAccpOrBouncycastle() {
        assertThat(CryptoProviders.Choice.from(VigilProperties.of(Map.of()))).isEqualTo(CryptoProviders.Choice.AUTO);
        assertThat(CryptoProviders.Choice.from(VigilProperties.of(Map.of(CryptoProviders.KEY, "bouncycastle"))))
                .isEqualTo(CryptoProviders.Choice.BOUNCYCASTLE);
        assertThatThrownBy(() -> CryptoProviders.Choice.from(VigilProperties.of(Map.of(CryptoProviders.KEY, "openssl"))))
                .hasMessageContaining("auto, accp or bouncycastle");
    }

    @Test
    void verifiersOfTheActiveProviderAreMadeByIt() throws Exception {
        SigningKey key = SigningKey.generate(io.vigil.trust.SignatureAlgorithm.EDDSA);
        SignatureVerifier verifier = PublicKeys.verifier(key.algorithm(), key.subjectPublicKeyInfo());
        assertThat(verifier).isInstanceOf(CryptoProviders.active() == CryptoProvider.ACCP ? AccpVerifier.class : Ed25519Verifier.class);
    }
}
