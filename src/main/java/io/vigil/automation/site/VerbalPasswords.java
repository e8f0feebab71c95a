package io.vigil.automation.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Verbal passwords (docs/automation.md): Argon2id hashes in PHC string form, never the clear text.
 * Unlike API tokens these are short human words, so a slow hash is what makes a stolen table
 * expensive to guess from. What a caller says is normalised first (NFKC, lower case, white space
 * collapsed), because the operator types what was said on the phone.
 */
public final class VerbalPasswords {

    public static final int MEMORY_KIB = 19456;
    public static final int ITERATIONS = 2;
    public static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerbalPasswords() {}

    /** The Argon2id PHC string of the normalised password. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] tag = argon2(normalise(password), salt, MEMORY_KIB, ITERATIONS, LANES, TAG_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(tag);
    }

    /** Whether {@code password}, normalised, is the one {@code phc} was made from. */
    public static boolean matches(String password, String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        byte[] salt = B64_DECODE.decode(m.group(4));
        byte[] expected = B64_DECODE.decode(m.group(5));
        byte[] actual = argon2(normalise(password), salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@code text} is an Argon2id PHC string this class can verify (for imports of hashes). */
    public static boolean isHash(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = PHC.matcher(text);
        if (!m.matches()) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int lanes = Integer.parseInt(m.group(3));
        // bounds keep an imported hash from costing the API unbounded time or memory per check
        return memory >= 8 * lanes && memory <= 262_144 && iterations >= 1 && iterations <= 10 && lanes >= 1 && lanes <= 8;
    }

    /** What is compared: NFKC, lower case, runs of white space as one space, trimmed. */
    public static String normalise(String password) {
        String nfkc = Normalizer.normalize(password, Normalizer.Form.NFKC);
        return nfkc.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int lanes, int tagBytes) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(lanes).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] tag = new byte[tagBytes];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), tag);
        return tag;
    }
}
