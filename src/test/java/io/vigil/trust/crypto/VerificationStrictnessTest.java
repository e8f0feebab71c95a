package io.vigil.trust.crypto;

import static io.vigil.trust.crypto.KnownAnswerTest.assumeRunsHere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.trust.SignatureAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each provider must refuse, identically: Bouncy Castle's strictness (canonical, prime-order
 * Ed25519 keys; S below the group order; canonical R) must hold whichever provider verifies.
 */
class VerificationStrictnessTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger ED25519_ORDER = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger P256_ORDER = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** RFC 8032 §7.1 TEST 2 and TEST 3 (TEST 1 is in {@link KnownAnswerTest}). */
    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void rfc8032TestVectors2And3Verify(CryptoProvider provider) throws Exception {
        assumeRunsHere(provider);
        assertVerifies(provider, "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                        + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertVerifies(provider, "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                        + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
    }

    /** The signature of RFC 8032 TEST 2 with S + L: the same equation holds, but S is not canonical (malleability). */
    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void ed25519SignatureWithSPlusTheGroupOrderIsRejected(CryptoProvider provider) throws Exception {
        assumeRunsHere(provider);
        byte[] signature = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        byte[] s = reverse(java.util.Arrays.copyOfRange(signature, 32, 64));
        byte[] sPlusL = reverse(unsigned32(new BigInteger(1, s).add(ED25519_ORDER)));
        System.arraycopy(sPlusL, 0, signature, 32, 32);
        SignatureVerifier verifier = PublicKeys.ed25519(provider, HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));

        assertThat(verifier.verify(new byte[] {0x72}, 0, 1, signature)).isFalse();
    }

    /**
     * ed25519-speccheck's twelve edge cases ("Taming the many EdDSAs", Chalkias, Garillot, Nikolaenko,
     * 2020): small-order, mixed-order and non-canonical keys are refused when loaded (AWS-LC alone
     * accepts some of them), and cases 6 and 7 (S beyond the group order, valid key) do not verify.
     */
    @ParameterizedTest(name = "{0} case {1}")
    @MethodSource("speccheckCases")
    void speccheckEdgeCasesNeverVerify(CryptoProvider provider, int index, String message, String publicKey, String signature) {
        assumeRunsHere(provider);
        byte[] key = HEX.parseHex(publicKey);
        if (index == 6 || index == 7) {
            try {
                byte[] m = HEX.parseHex(message);
                assertThat(PublicKeys.ed25519(provider, key).verify(m, 0, m.length, HEX.parseHex(signature))).isFalse();
            } catch (InvalidPublicKeyException e) {
                throw new AssertionError("case " + index + " has a valid key", e);
            }
        } else {
            assertThatThrownBy(() -> PublicKeys.ed25519(provider, key)).isInstanceOf(InvalidPublicKeyException.class);
        }
    }

    static Stream<Arguments> speccheckCases() {
        String[][] cases = {
            {"8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a0000000000000000000000000000000000000000000000000000000000000000"},
            {"9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04"},
            {"aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab", "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e"},
            {"9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79", "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
                "9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009"},
            {"e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c", "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
                "160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09"},
            {"e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c", "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
                "21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405"},
            {"85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40", "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
                "e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514"},
            {"85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40", "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
                "8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa19427e71f98a473474f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c22"},
            {"9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41", "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff03be9678ac102edcd92b0210bb34d7428d12ffc5df5f37e359941266a4e35f0f"},
            {"9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41", "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffca8c5b64cd208982aa38d4936621a4775aa233aa0505711d8fdcfdaa943d4908"},
            {"e96b7021eb39c1a163b6da4e3093dcd3f21387da4cc4572be588fafae23c155b", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04"},
            {"39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04"}};
        return Stream.of(CryptoProvider.values()).flatMap(provider -> IntStream.range(0, cases.length)
                .mapToObj(i -> Arguments.of(provider, i, cases[i][0], cases[i][1], cases[i][2])));
    }

    /** ES256 r||s with r or s of 0 or of the group order n (n ≡ 0) is never valid; nor a signature that is not 64 bytes. */
    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void es256OutOfRangeScalarsAndWrongLengthsAreRejected(CryptoProvider provider) throws Exception {
        assumeRunsHere(provider);
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ES256);
        SignatureVerifier verifier = PublicKeys.verifier(provider, SignatureAlgorithm.ES256, key.subjectPublicKeyInfo());
        byte[] message = "alarm".getBytes(StandardCharsets.US_ASCII);
        byte[] good = key.sign(message);
        byte[] n = unsigned32(P256_ORDER);
        byte[] r = java.util.Arrays.copyOfRange(good, 0, 32);
        byte[] s = java.util.Arrays.copyOfRange(good, 32, 64);

        assertThat(verifier.verify(message, 0, message.length, good)).isTrue();
        for (byte[] bad : List.of(concat(new byte[32], s), concat(r, new byte[32]), concat(n, s), concat(r, n),
                unsigned32(BigInteger.ONE), java.util.Arrays.copyOf(good, 65))) {
            assertThat(verifier.verify(message, 0, message.length, bad)).isFalse();
        }
    }

    /** Verifiers are shared by the ingest threads: many keys, interleaved, on several threads at once. */
    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void verifiersOfManyKeysAreSafeToShareBetweenThreads(CryptoProvider provider) throws Exception {
        assumeRunsHere(provider);
        List<SigningKey> keys = new ArrayList<>();
        List<SignatureVerifier> verifiers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.values()[i % 2]);
            keys.add(key);
            verifiers.add(PublicKeys.verifier(provider, key.algorithm(), key.subjectPublicKeyInfo()));
        }
        byte[] message = "signal".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> signatures = keys.stream().map(k -> k.sign(message)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                work.add(() -> {
                    for (int i = 0; i < 400; i++) {
                        int k = (i + offset) % verifiers.size();
                        int other = (k + 1) % verifiers.size();
                        if (!verifiers.get(k).verify(message, 0, message.length, signatures.get(k))
                                || verifiers.get(k).verify(message, 0, message.length, signatures.get(other))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(work)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertVerifies(CryptoProvider provider, String publicKey, String message, String signature) throws Exception {
        SignatureVerifier verifier = PublicKeys.ed25519(provider, HEX.parseHex(publicKey));
        byte[] m = HEX.parseHex(message);
        byte[] sig = HEX.parseHex(signature);
        assertThat(verifier.verify(m, 0, m.length, sig)).isTrue();
        m[0] ^= 1;
        assertThat(verifier.verify(m, 0, m.length, sig)).isFalse();
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
