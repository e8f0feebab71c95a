package io.vigil.normalize.owntracks;

import io.vigil.normalize.MalformedSignalException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The encryption of the OwnTracks apps: libsodium's {@code crypto_secretbox} (XSalsa20 + Poly1305)
 * over the JSON payload, sent as {@code {"_type":"encrypted","data":BASE64(nonce(24) || mac(16) ||
 * ciphertext)}}. The key is what the app makes of the secret typed into its settings: the secret's
 * UTF-8 bytes, cut to 32 or filled with zero bytes up to 32 (owntracks/android
 * {@code support/EncryptionProvider.kt}, {@code initializeSecretBox}). The primitives are
 * Bouncy Castle's {@link XSalsa20Engine} and {@link Poly1305}, composed as NaCl's secretbox: the
 * first 32 bytes of the key stream are the one-time Poly1305 key, the message is XORed with the
 * stream from byte 32 on, the MAC covers the ciphertext.
 */
public final class OwnTracksSecretBox {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;
    public static final int MAC_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private OwnTracksSecretBox(byte[] key) {
        this.key = key;
    }

    /** The key the app derives from the secret typed into its settings. */
    public static OwnTracksSecretBox fromSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("an OwnTracks secret is not empty");
        }
        return fromSecretBytes(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The key the app derives from a secret given as its UTF-8 bytes. */
    public static OwnTracksSecretBox fromSecretBytes(byte[] utf8Secret) {
        if (utf8Secret.length == 0) {
            throw new IllegalArgumentException("an OwnTracks secret is not empty");
        }
        return new OwnTracksSecretBox(Arrays.copyOf(utf8Secret, KEY_BYTES));
    }

    /** A raw 32-byte secretbox key. */
    public static OwnTracksSecretBox ofKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secretbox key is 32 bytes");
        }
        return new OwnTracksSecretBox(key.clone());
    }

    /**
     * Opens the {@code data} text of an encrypted payload.
     *
     * @throws MalformedSignalException {@code owntracks.decrypt_failed} when it is not base64 of at
     *                                  least a nonce and a MAC, or when the MAC does not verify
     *                                  (wrong secret, altered bytes)
     */
    public byte[] openBase64(String data) {
        byte[] wire;
        try {
            wire = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw failed("data is not base64");
        }
        if (wire.length < NONCE_BYTES + MAC_BYTES) {
            throw failed("data is shorter than a nonce and a MAC");
        }
        return open(Arrays.copyOfRange(wire, 0, NONCE_BYTES), wire, NONCE_BYTES, wire.length - NONCE_BYTES);
    }

    /** {@code crypto_secretbox_open_easy}: {@code box} = mac(16) || ciphertext. */
    public byte[] open(byte[] nonce, byte[] box, int offset, int length) {
        if (nonce.length != NONCE_BYTES || length < MAC_BYTES) {
            throw failed("nonce must be 24 bytes and the box at least 16");
        }
        XSalsa20Engine stream = stream(nonce);
        byte[] expectedMac = mac(stream, box, offset + MAC_BYTES, length - MAC_BYTES);
        if (!MessageDigest.isEqual(expectedMac, Arrays.copyOfRange(box, offset, offset + MAC_BYTES))) {
            throw failed("authentication failed: wrong secret or altered payload");
        }
        byte[] plain = new byte[length - MAC_BYTES];
        stream.processBytes(box, offset + MAC_BYTES, plain.length, plain, 0);
        return plain;
    }

    /** {@code crypto_secretbox_easy}: mac(16) || ciphertext. */
    public byte[] seal(byte[] nonce, byte[] message) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be 24 bytes");
        }
        XSalsa20Engine stream = stream(nonce);
        byte[] polyKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, polyKey, 0);
        byte[] out = new byte[MAC_BYTES + message.length];
        stream.processBytes(message, 0, message.length, out, MAC_BYTES);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(polyKey));
        poly.update(out, MAC_BYTES, message.length);
        poly.doFinal(out, 0);
        return out;
    }

    /** The app's wire form: base64(nonce || mac || ciphertext) with a fresh random nonce. */
    public String sealBase64(byte[] message) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] box = seal(nonce, message);
        byte[] wire = new byte[NONCE_BYTES + box.length];
        System.arraycopy(nonce, 0, wire, 0, NONCE_BYTES);
        System.arraycopy(box, 0, wire, NONCE_BYTES, box.length);
        return Base64.getEncoder().encodeToString(wire);
    }

    private XSalsa20Engine stream(byte[] nonce) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    /** Takes the one-time Poly1305 key off the stream (its first 32 bytes) and MACs the ciphertext. */
    private static byte[] mac(XSalsa20Engine stream, byte[] data, int offset, int length) {
        byte[] polyKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, polyKey, 0);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(polyKey));
        poly.update(data, offset, length);
        byte[] mac = new byte[MAC_BYTES];
        poly.doFinal(mac, 0);
        return mac;
    }

    private static MalformedSignalException failed(String detail) {
        return new MalformedSignalException("owntracks.decrypt_failed", detail);
    }

    @Override
    public String toString() {
        return "OwnTracksSecretBox[key hidden]";
    }
}
