package io.vigil.testing;

import io.vigil.normalize.dc09.Crc16Arc;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.normalize.owntracks.OwnTracksSecretBox;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.keys.KeyEncryptionKey;
import io.vigil.trust.keys.SiteSecretRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What devices without a Vigil signature send, and their wrapped keys, for tests of the trust profiles. */
public final class RawSignals {
    private static final DateTimeFormatter DC09_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RawSignals() {}

    /** The DC-09 timestamp of an instant, without the leading underscore. */
    public static String dc09Time(Instant at) {
        return DC09_TIME.format(at);
    }

    /** An encrypted SIA-DCS frame as a panel sends it: the part after '[' padded, encrypted, hex; the CRC over that. */
    public static byte[] encryptedDc09Frame(String account, String seq, String data, byte[] key, Instant at) {
        String body = "\"SIA-DCS\"" + seq + "L0#" + account + "[" + data + "]_" + dc09Time(at);
        String clear = String.format(Locale.ROOT, "%04X%04X", Crc16Arc.of(body), body.length()) + body;
        return Dc09Decryption.encrypt(clear, Dc09Cipher.ofKey(key)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The OwnTracks app's encrypted payload around {@code json}. */
    public static byte[] ownTracksAppPayload(OwnTracksSecretBox box, String json) {
        return ("{\"_type\":\"encrypted\",\"data\":\"" + box.sealBase64(json.getBytes(StandardCharsets.UTF_8)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A site secret row, the key wrapped under {@code kek}, valid from {@code from}. */
    public static SiteSecretRecord wrappedSecret(KeyEncryptionKey kek, String site, String id, TrustProfile kind,
                                                 String account, byte[] key, Instant from) {
        SiteSecretRecord unwrapped = new SiteSecretRecord(site, id, kind, account, new byte[0], kek.id(), from, null,
                null, null, from);
        return new SiteSecretRecord(site, id, kind, account, kek.wrap(key, unwrapped.associatedData()), kek.id(), from,
                null, null, null, from);
    }
}
