package io.vigil.normalize.dc09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.normalize.MalformedSignalException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known answers for DC-09 AES from other implementations, then round trips for every key length.
 * Every public vector below was also decrypted independently with Python's {@code cryptography}
 * (AES-CBC, zero IV) before it was written down here.
 */
class Dc09CipherTest {

    /** pysiaalarm's test key ({@code tests/test_utils.py}, KEY), taken as 16 characters = AES-128. */
    private static final Dc09Cipher PYSIAALARM_KEY = Dc09Cipher.fromCharacters("AAAAAAAAAAAAAAAA");

    /**
     * eavanvalkenburg/pysiaalarm {@code tests/test_sia_package_cases.py}, {@code case_null}: an
     * encrypted NULL (link test) frame, account AAAB, receiver 0, line 0.
     */
    private static final String PYSIAALARM_NULL =
            "76D80055\"*NULL\"0000R0L0#AAAB[B4BC8B40D0E6D959D6BEA78E88CC0B2155741A3C44FBB96D476A3E557CAD64D9";

    /**
     * A Jeedom Ajax/SIA plugin's codec test ({@code tests/test_codec.php}, "trame chiffrée venue
     * d'ailleurs": produced by an independent implementation), key AAAAAAAAAAAAAAAA, stated to be
     * account 1111, event WA zone 000, 8 s before 2020-07-09 16:04:10 UTC. The index that held the
     * file did not name its repository.
     */
    private static final String JEEDOM_WA =
            "05BB0076\"*SIA-DCS\"7654L0#1111[C07DA1EB73C617857476EE5D79436CEE5E0084485E79EC56B0D5D1F3F6E648B278050BBCCBC8FE5DCA7E3C80DBDD4945";

    @Test
    void decryptsPysiaalarmsEncryptedNullFrame() {
        assertThat(PYSIAALARM_KEY.decryptHex(PYSIAALARM_NULL.substring(PYSIAALARM_NULL.indexOf('[') + 1)))
                .isEqualTo("ppppppppppp]_18:24:52,07-05-2020");

        Dc09Decryption.Decrypted decrypted = Dc09Decryption.decrypt(PYSIAALARM_NULL, PYSIAALARM_KEY);

        assertThat(decrypted.frame().protocol()).isEqualTo("NULL");
        assertThat(decrypted.frame().account()).isEqualTo("AAAB");
        assertThat(decrypted.frame().data()).isEmpty();
        assertThat(decrypted.frame().timestamp()).isEqualTo(Instant.parse("2020-07-05T18:24:52Z"));
        assertThat(decrypted.clearFrame()).endsWith("\"NULL\"0000R0L0#AAAB[]_18:24:52,07-05-2020");
        assertThat(decrypted.keyBits()).isEqualTo(128);
    }

    @Test
    void decryptsAnIndependentlyProducedSiaDcsFrame() {
        Dc09Decryption.Decrypted decrypted = Dc09Decryption.decrypt(JEEDOM_WA, PYSIAALARM_KEY);

        assertThat(decrypted.frame().protocol()).isEqualTo("SIA-DCS");
        assertThat(decrypted.frame().sequence()).isEqualTo("7654");
        assertThat(decrypted.frame().account()).isEqualTo("1111");
        assertThat(decrypted.frame().data()).isEqualTo("Nri1/WA000");
        assertThat(decrypted.frame().timestamp()).isEqualTo(Instant.parse("2020-07-09T16:04:02Z"));
    }

    @Test
    void theHexFormOfTheSameKeyIsTheSameKey() {
        assertThat(Dc09Cipher.fromHex("41414141414141414141414141414141")).isEqualTo(PYSIAALARM_KEY);
    }

    @Test
    void roundTripsWithEveryKeyLength() {
        String clear = Dc09DecoderTest.frame("\"SIA-DCS\"0042R1L2#ABC123[#ABC123|Nri2/OP7]_14:12:04,09-25-2026");
        for (String hex : new String[] {"000102030405060708090A0B0C0D0E0F",
                "000102030405060708090A0B0C0D0E0F1011121314151617",
                "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"}) {
            Dc09Cipher cipher = Dc09Cipher.fromHex(hex);
            String encrypted = Dc09Decryption.encrypt(clear, cipher);

            assertThat(encrypted).contains("\"*SIA-DCS\"0042R1L2#ABC123[").doesNotContain("Nri2");
            Dc09Frame frame = Dc09Decryption.decrypt(encrypted, cipher).frame();
            assertThat(frame.data()).as("AES-%d", cipher.bits()).isEqualTo("#ABC123|Nri2/OP7");
            assertThat(frame.timestamp()).isEqualTo(Instant.parse("2026-09-25T14:12:04Z"));
        }
    }

    @Test
    void aWrongKeyIsDecryptFailedNotAParseError() {
        Dc09Cipher wrong = Dc09Cipher.fromCharacters("BBBBBBBBBBBBBBBB");

        assertThatThrownBy(() -> Dc09Decryption.decrypt(JEEDOM_WA, wrong))
                .isInstanceOf(MalformedSignalException.class)
                .extracting(e -> ((MalformedSignalException) e).reasonCode()).isEqualTo("dc09.decrypt_failed");
    }

    @Test
    void aTamperedCiphertextFailsItsCrcFirstAndDecryptionWhenTheCrcIsRecomputed() {
        String body = JEEDOM_WA.substring(8);
        int last = body.length() - 2; // in the last block: its plaintext (the timestamp) turns to noise
        String tampered = body.substring(0, last) + (body.charAt(last) == '0' ? '1' : '0') + body.substring(last + 1);

        assertThatThrownBy(() -> Dc09Decryption.decrypt(JEEDOM_WA.substring(0, 8) + tampered, PYSIAALARM_KEY))
                .extracting(e -> ((MalformedSignalException) e).reasonCode()).isEqualTo("dc09.crc_mismatch");
        assertThatThrownBy(() -> Dc09Decryption.decrypt(Dc09Decryption.framed(tampered), PYSIAALARM_KEY))
                .extracting(e -> ((MalformedSignalException) e).reasonCode()).isEqualTo("dc09.decrypt_failed");
    }

    @Test
    void partialBlocksAndNonHexAreDecryptFailed() {
        for (String rest : new String[] {"ABCD", "ZZ" + "0".repeat(30)}) {
            String frame = Dc09Decryption.framed("\"*SIA-DCS\"0001L0#1111[" + rest);
            assertThatThrownBy(() -> Dc09Decryption.decrypt(frame, PYSIAALARM_KEY))
                    .extracting(e -> ((MalformedSignalException) e).reasonCode()).isEqualTo("dc09.decrypt_failed");
        }
    }

    @Test
    void keysOfOtherLengthsOrAlphabetsAreRefused() {
        assertThatThrownBy(() -> Dc09Cipher.fromHex("0011")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dc09Cipher.fromHex("G".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dc09Cipher.fromCharacters("A".repeat(15))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dc09Cipher.fromCharacters("A".repeat(15) + "\u00e9")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEncryptedAckDecryptsToPadThenBracketThenTimestamp() {
        Dc09Cipher cipher = Dc09Cipher.fromCharacters("0123456789ABCDEF");
        String ack = Dc09Decryption.encrypt(Dc09Decryption.framed("\"ACK\"0042R0L0#ABC123[]_14:12:04,09-25-2026"), cipher);

        String hex = ack.substring(ack.indexOf('[') + 1);
        assertThat(cipher.decryptHex(hex)).matches("[0-9A-Za-z]{1,16}]_14:12:04,09-25-2026");
    }
}
