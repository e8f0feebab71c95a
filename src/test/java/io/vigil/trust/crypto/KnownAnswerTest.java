package io.vigil.trust.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.trust.envelope.Base64Url;
import io.vigil.trust.envelope.CoseSign1;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Published test vectors, run through the verifiers the trust gate uses, by each {@link CryptoProvider}. */
class KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    /** ACCP's native part is built for Linux x86-64 (the project's machines); elsewhere only Bouncy Castle runs. */
    static void assumeRunsHere(CryptoProvider provider) {
        boolean accpPlatform = System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        Assumptions.assumeTrue(provider == CryptoProvider.BOUNCYCASTLE || accpPlatform, "ACCP is Linux x86-64 only");
        assertThat(provider.unavailableBecause()).as(provider.label() + " loads").isNull();
    }

    /** RFC 8032 §7.1, TEST 1: empty message. */
    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void rfc8032TestVector1VerifiesAndSigns(CryptoProvider provider) throws Exception {
        assumeRunsHere(provider);
        byte[] publicKey = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] signature = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        SignatureVerifier verifier = PublicKeys.ed25519(provider, publicKey);

        assertThat(verifier.verify(new byte[0], 0, 0, signature)).isTrue();
        assertThat(verifier.verify(new byte[] {0}, 0, 1, signature)).isFalse();
        signature[63] ^= 1;
        assertThat(verifier.verify(new byte[0], 0, 0, signature)).isFalse();
    }

    /** RFC 8037 Appendix A.4: the Ed25519 JWS of "Example of Ed25519 signing" (A.1 key). */
    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void rfc8037AppendixA4JwsVerifies(CryptoProvider provider) throws Exception {
        assumeRunsHere(provider);
        String jws = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
                + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
        SignatureVerifier verifier = PublicKeys.ed25519(provider, Base64Url.decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
        byte[] bytes = jws.getBytes(StandardCharsets.US_ASCII);
        int secondDot = jws.lastIndexOf('.');

        assertThat(verifier.verify(bytes, 0, secondDot, Base64Url.decode(jws.substring(secondDot + 1)))).isTrue();
        assertThat(new String(Base64Url.decode(jws.substring(jws.indexOf('.') + 1, secondDot)), StandardCharsets.UTF_8))
                .isEqualTo("Example of Ed25519 signing");
        // a valid JWS, but not a Vigil envelope: no kid, no typ, no claims
        assertThatThrownBy(() -> EnvelopeParser.parse(bytes)).isInstanceOf(MalformedEnvelopeException.class);
    }

    /**
     * cose-wg/Examples, ecdsa-examples/ecdsa-sig-01.json ("ECDSA-01: ECDSA - P-256 - sign0"): a tagged
     * COSE_Sign1, ES256, empty external_aad. Checks our Sig_structure against the published ToBeSign
     * bytes and the signature with the published key.
     */
    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void coseWgEcdsaSig01Verifies(CryptoProvider provider) throws Exception {
        assumeRunsHere(provider);
        byte[] message = HEX.parseHex("D28445A201260300A10442313154546869732069732074686520636F6E74656E742E5840"
                + "EAE868ECC176883766C5DC5BA5B8DCA25DAB3C2E56A551CE5705B793914348E1"
                + "72727F48461FABBBA2E343492DDECAC3983686250BC68E9F1A7A07D41225B59F");
        SignatureVerifier verifier = PublicKeys.es256(provider,
                Base64Url.decode("usWxHK2PmfnHKwXPS54m0kTcGJ90UiglWiGahtagnv8"),
                Base64Url.decode("IBOL-C3BttVivg-lSreASjpkttcsz-1rb7btKLv8EX4"));

        CoseSign1 cose = CoseSign1.parse(message);
        byte[] toBeSigned = cose.toBeSigned();
        byte[] signature = java.util.Arrays.copyOfRange(message, cose.signatureOffset(),
                cose.signatureOffset() + cose.signatureLength());

        assertThat(HEX.formatHex(toBeSigned)).isEqualToIgnoringCase(
                "846A5369676E61747572653145A2012603004054546869732069732074686520636F6E74656E742E");
        assertThat(verifier.verify(toBeSigned, 0, toBeSigned.length, signature)).isTrue();
        toBeSigned[toBeSigned.length - 1] ^= 1;
        assertThat(verifier.verify(toBeSigned, 0, toBeSigned.length, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void invalidPublicKeysAreRefusedWhenLoaded(CryptoProvider provider) {
        assumeRunsHere(provider);
        assertThatThrownBy(() -> PublicKeys.ed25519(provider, new byte[31])).isInstanceOf(InvalidPublicKeyException.class);
        // y = 2 does not decode to a curve point
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        assertThatThrownBy(() -> PublicKeys.ed25519(provider, notAPoint)).isInstanceOf(InvalidPublicKeyException.class);
        assertThatThrownBy(() -> PublicKeys.es256(provider, new byte[32], new byte[32])).isInstanceOf(InvalidPublicKeyException.class);
        assertThatThrownBy(() -> PublicKeys.verifier(provider, io.vigil.trust.SignatureAlgorithm.EDDSA, new byte[] {1, 2, 3}))
                .isInstanceOf(InvalidPublicKeyException.class);
    }

    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void keysOfOneAlgorithmAreRefusedForTheOther(CryptoProvider provider) {
        assumeRunsHere(provider);
        SigningKey ec = SigningKey.generate(io.vigil.trust.SignatureAlgorithm.ES256);
        SigningKey ed = SigningKey.generate(io.vigil.trust.SignatureAlgorithm.EDDSA);
        assertThatThrownBy(() -> PublicKeys.verifier(provider, io.vigil.trust.SignatureAlgorithm.EDDSA, ec.subjectPublicKeyInfo()))
                .isInstanceOf(InvalidPublicKeyException.class);
        assertThatThrownBy(() -> PublicKeys.verifier(provider, io.vigil.trust.SignatureAlgorithm.ES256, ed.subjectPublicKeyInfo()))
                .isInstanceOf(InvalidPublicKeyException.class);
    }

    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void signingKeysRoundTripThroughPkcs8AndSignVerifiably(CryptoProvider provider) throws Exception {
        assumeRunsHere(provider);
        for (var alg : io.vigil.trust.SignatureAlgorithm.values()) {
            SigningKey key = SigningKey.fromPkcs8(SigningKey.generate(alg).pkcs8());
            byte[] message = "alarm".getBytes(StandardCharsets.US_ASCII);
            SignatureVerifier verifier = PublicKeys.verifier(provider, alg, key.subjectPublicKeyInfo());
            assertThat(verifier.verify(message, 0, message.length, key.sign(message))).as(alg.name()).isTrue();
        }
    }
}
