package io.vigil.trust.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {

    private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.EDDSA);
    private static final Instant IAT = Instant.parse("2025-03-01T12:00:00.125Z");
    private static final Claims CLAIMS = Claims.of("site-1", "panel-1", 42, IAT, "m-1", "application/vnd.vigil.cid",
            "[#1234|1130 01 015]".getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"JWS", "COSE"})
    void bothEncodingsCarryTheSameClaims(Encoding encoding) throws Exception {
        ParsedEnvelope parsed = EnvelopeParser.parse(EnvelopeWriter.write(encoding, CLAIMS, "kid-1", KEY));

        assertThat(parsed.encoding()).isEqualTo(encoding);
        assertThat(parsed.alg()).isEqualTo(SignatureAlgorithm.EDDSA);
        assertThat(parsed.kid()).isEqualTo("kid-1");
        assertThat(parsed.claims()).usingRecursiveComparison().isEqualTo(CLAIMS);
        assertThat(parsed.signature()).hasSize(64);
    }

    @Test
    void integerIatAndTextCoseBodyAreAccepted() throws Exception {
        byte[] cose = coseWith(claimsCbor(w -> w.text("body").text("héllo")), 8);
        assertThat(EnvelopeParser.parse(cose).claims().body()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));

        Claims whole = Claims.of("site-1", "panel-1", 1, Instant.ofEpochSecond(1_700_000_000), "m", "a/b", new byte[0]);
        assertThat(EnvelopeParser.parse(EnvelopeWriter.jws(whole, "k", KEY)).claims().issuedAt())
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000));
    }

    @Test
    void jwsAndCoseAreToldApartByTheFirstByte() {
        assertMalformed(new byte[0], "empty");
        assertMalformed("{\"alg\":\"EdDSA\"}".getBytes(StandardCharsets.US_ASCII), "neither");
        assertMalformed(new byte[] {(byte) 0x84, 0x40, (byte) 0xa0, 0x40, 0x40}, "neither");
    }

    @Test
    void jwsStructureIsStrict() {
        String jws = new String(EnvelopeWriter.jws(CLAIMS, "kid-1", KEY), StandardCharsets.US_ASCII);
        assertMalformed(jws + ".x", "three parts");
        assertMalformed(jws.substring(0, jws.lastIndexOf('.')), "three parts");
        assertMalformed(jws + "==", "base64url");
        assertMalformed(jws.replace('-', '+').replace('_', '/') + (jws.contains("-") || jws.contains("_") ? "" : "+"), "base64url");
        assertMalformed(jws.substring(0, jws.length() - 2), "signature must be 64 bytes");
        // the last character of a 64-byte signature carries 2 unused bits: setting them is a second encoding
        char last = jws.charAt(jws.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertMalformed(jws.substring(0, jws.length() - 1) + sibling, "non-canonical");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"alg\":\"none\",\"kid\":\"k\",\"typ\":\"vigil-envelope+jws\"}",
            "{\"alg\":\"HS256\",\"kid\":\"k\",\"typ\":\"vigil-envelope+jws\"}",
            "{\"alg\":\"EdDSA\",\"typ\":\"vigil-envelope+jws\"}",
            "{\"alg\":\"EdDSA\",\"kid\":\"k\"}",
            "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":\"JWT\"}",
            "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":\"vigil-envelope+jws\",\"crit\":[\"b64\"],\"b64\":false}",
            "{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":\"vigil-envelope+jws\"}",
            "{\"alg\":\"EdDSA\",\"kid\":\"k k\",\"typ\":\"vigil-envelope+jws\"}",
            "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":\"vigil-envelope+jws\"} {}",
            "[\"EdDSA\"]"})
    void jwsHeadersOtherThanAlgKidTypAreMalformed(String header) {
        String jws = new String(EnvelopeWriter.jws(CLAIMS, "k", KEY), StandardCharsets.US_ASCII);
        String forged = b64(header) + jws.substring(jws.indexOf('.'));
        assertMalformed(forged, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"v\":2", "\"v\":\"1\"", "\"v\":1.0",
            "\"site\":\"\"", "\"site\":\"-site\"", "\"site\":\"a/b\"", "\"site\":\"ab\\n\"",
            "\"dev\":null", "\"seq\":-1", "\"seq\":1.5", "\"seq\":18446744073709551615",
            "\"iat\":\"2025-03-01T12:00:00Z\"", "\"iat\":-1", "\"iat\":1e300", "\"iat\":253402300800",
            "\"mid\":\"\"", "\"mid\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", "\"mid\":\"a b\"",
            "\"ct\":\"cid\"", "\"ct\":\"text/plain\\u0000\"",
            "\"body\":\"\\ud800\"", "\"body\":42"})
    void badClaimValuesAreMalformed(String replacement) {
        String name = replacement.substring(0, replacement.indexOf(':'));
        String json = new String(EnvelopeWriter.claimsJson(CLAIMS), StandardCharsets.UTF_8)
                .replaceFirst(java.util.regex.Pattern.quote(name) + ":(\"[^\"]*\"|[^,}]*)",
                        java.util.regex.Matcher.quoteReplacement(replacement));
        assertThat(json).contains(replacement);
        assertMalformed(jwsWithPayload(json), "");
    }

    @Test
    void missingDuplicateAndUnknownClaimsAreMalformed() {
        String json = new String(EnvelopeWriter.claimsJson(CLAIMS), StandardCharsets.UTF_8);
        assertMalformed(jwsWithPayload(json.replaceFirst(",\"dev\":\"panel-1\"", "")), "missing claim dev");
        assertMalformed(jwsWithPayload(json.replaceFirst("\\{", "{\"seq\":7,")), "duplicate claim seq");
        assertMalformed(jwsWithPayload(json.replaceFirst("\\{", "{\"exp\":7,")), "unknown claim");
        assertMalformed(jwsWithPayload(json + "{}"), "");
        assertMalformed(jwsWithPayload("[" + json + "]"), "");
    }

    @Test
    void coseStructureIsStrict() throws Exception {
        byte[] cose = EnvelopeWriter.cose(CLAIMS, "kid-1", KEY);
        EnvelopeParser.parse(cose);

        byte[] untagged = java.util.Arrays.copyOfRange(cose, 1, cose.length);
        assertMalformed(untagged, "neither");
        assertMalformed(concat(cose, new byte[] {0}), "bytes after");
        assertMalformed(java.util.Arrays.copyOf(cose, cose.length - 1), "");
        byte[] otherTag = cose.clone();
        otherTag[0] = (byte) 0xd1;
        assertMalformed(otherTag, "neither");
    }

    @Test
    void coseHeadersAreExactlyAlgAndKid() {
        byte[] kid = "kid-1".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = EnvelopeWriter.claimsCbor(CLAIMS);
        // unprotected kid (as RFC 9052's examples do) is refused: the kid must be integrity protected
        assertMalformed(cose(new CborWriter().head(CborReader.MAP, 1).integer(1).integer(-8).toByteArray(),
                new CborWriter().head(CborReader.MAP, 1).integer(4).bytes(kid).toByteArray(), payload, 64), "unprotected");
        assertMalformed(cose(new CborWriter().head(CborReader.MAP, 2).integer(1).integer(-35).integer(4).bytes(kid)
                .toByteArray(), new byte[] {(byte) 0xa0}, payload, 64), "unsupported COSE algorithm");
        assertMalformed(cose(new CborWriter().head(CborReader.MAP, 2).integer(1).integer(-8).integer(1).integer(-8)
                .toByteArray(), new byte[] {(byte) 0xa0}, payload, 64), "repeated");
        assertMalformed(cose(new CborWriter().head(CborReader.MAP, 2).integer(1).integer(-8).integer(4).text("kid-1")
                .toByteArray(), new byte[] {(byte) 0xa0}, payload, 64), "");
        assertMalformed(cose(new CborWriter().head(CborReader.MAP, 2).integer(1).integer(-8).integer(4).bytes(kid)
                .toByteArray(), new byte[] {(byte) 0xa0}, payload, 63), "64 bytes");
    }

    @Test
    void coseClaimsAreStrict() {
        assertMalformed(coseWith(claimsCbor(w -> w.text("body").integer(5)), 8), "body must be");
        assertMalformed(coseWith(claimsCbor(w -> w.text("body").text("x").text("body").text("y")), 9), "duplicate claim body");
        assertMalformed(coseWith(claimsCbor(w -> w.text("exp").integer(1).text("body").text("x")), 9), "unknown claim");
        assertMalformed(coseWith(claimsCbor(w -> w.text("body").raw(new byte[] {0x62, (byte) 0xc3, 0x28})), 8), "UTF-8");
        // indefinite-length text string
        assertMalformed(coseWith(claimsCbor(w -> w.text("body").raw(new byte[] {0x7f, 0x61, 0x61, (byte) 0xff})), 8),
                "indefinite");
        // claims map says 9 entries, has 8
        assertMalformed(coseWith(claimsCbor(w -> w.text("body").text("x")), 9), "truncated");
    }

    @Test
    void logSafeDetailsNeverCarryControlCharacters() {
        String json = new String(EnvelopeWriter.claimsJson(CLAIMS), StandardCharsets.UTF_8)
                .replace("\"site\":\"site-1\"", "\"site\":\"evil\\u001b[31m\\nFAKE LOG LINE\"");
        assertThatThrownBy(() -> EnvelopeParser.parse(jwsWithPayload(json).getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedEnvelopeException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\u001b").contains("\\u001b"));
    }

    // --- helpers -----------------------------------------------------------------------------

    private interface ClaimTail {
        void write(CborWriter w);
    }

    /** The seven claims other than body, then whatever {@code tail} writes. */
    private static byte[] claimsCbor(ClaimTail tail) {
        CborWriter w = new CborWriter();
        w.text("v").integer(1).text("site").text("site-1").text("dev").text("panel-1").text("seq").integer(42)
                .text("iat").doubleValue(1_740_830_400.125).text("mid").text("m-1").text("ct").text("a/b");
        tail.write(w);
        return w.toByteArray();
    }

    private static byte[] coseWith(byte[] claimEntries, int count) {
        byte[] map = concat(new CborWriter().head(CborReader.MAP, count).toByteArray(), claimEntries);
        return cose(new CborWriter().head(CborReader.MAP, 2).integer(1).integer(-8).integer(4)
                .bytes("kid-1".getBytes(StandardCharsets.US_ASCII)).toByteArray(), new byte[] {(byte) 0xa0}, map, 64);
    }

    private static byte[] cose(byte[] protectedHeader, byte[] unprotected, byte[] payload, int signatureLength) {
        return new CborWriter().head(CborReader.TAG, 18).head(CborReader.ARRAY, 4).bytes(protectedHeader)
                .raw(unprotected).bytes(payload).bytes(new byte[signatureLength]).toByteArray();
    }

    private static String jwsWithPayload(String json) {
        String jws = new String(EnvelopeWriter.jws(CLAIMS, "k", KEY), StandardCharsets.US_ASCII);
        return jws.substring(0, jws.indexOf('.') + 1) + b64(json) + jws.substring(jws.lastIndexOf('.'));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertMalformed(String envelope, String detail) {
        assertMalformed(envelope.getBytes(StandardCharsets.UTF_8), detail);
    }

    private static void assertMalformed(byte[] envelope, String detail) {
        assertThatThrownBy(() -> EnvelopeParser.parse(envelope))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining(detail);
    }
}
