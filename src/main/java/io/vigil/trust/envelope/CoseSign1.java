package io.vigil.trust.envelope;

import java.nio.charset.StandardCharsets;

/**
 * The structure of a tagged COSE_Sign1 message (RFC 9052 §4.2) as offsets into the received bytes:
 * {@code 18([protected: bstr, unprotected: map, payload: bstr, signature: bstr])}. Interpreting the
 * headers is the envelope's business ({@link CoseEnvelopeReader}).
 */
public record CoseSign1(byte[] bytes, int protectedOffset, int protectedLength, int unprotectedEntries,
                        int payloadOffset, int payloadLength, int signatureOffset, int signatureLength) {

    public static final int TAG = 18;
    private static final byte[] CONTEXT = "Signature1".getBytes(StandardCharsets.US_ASCII);

    public static CoseSign1 parse(byte[] bytes) throws MalformedEnvelopeException {
        CborReader r = new CborReader(bytes, 0, bytes.length);
        if (r.head(CborReader.TAG) != TAG) {
            throw new MalformedEnvelopeException("not a COSE_Sign1 tag");
        }
        if (r.count(CborReader.ARRAY) != 4) {
            throw new MalformedEnvelopeException("COSE_Sign1 is an array of four");
        }
        r.string(CborReader.BYTES);
        int protectedOffset = r.stringOffset();
        int protectedLength = r.stringLength();
        int unprotected = r.count(CborReader.MAP);
        for (int i = 0; i < 2 * unprotected; i++) {
            r.skip(4);
        }
        if (r.peekByte() == 0xf6) {
            throw new MalformedEnvelopeException("detached COSE payloads are not supported");
        }
        r.string(CborReader.BYTES);
        int payloadOffset = r.stringOffset();
        int payloadLength = r.stringLength();
        r.string(CborReader.BYTES);
        int signatureOffset = r.stringOffset();
        int signatureLength = r.stringLength();
        if (!r.atEnd()) {
            throw new MalformedEnvelopeException("bytes after the COSE_Sign1 message");
        }
        return new CoseSign1(bytes, protectedOffset, protectedLength, unprotected, payloadOffset, payloadLength,
                signatureOffset, signatureLength);
    }

    /** {@code Sig_structure = ["Signature1", protected, external_aad = h'', payload]} (RFC 9052 §4.4). */
    public byte[] toBeSigned() {
        return toBeSigned(bytes, protectedOffset, protectedLength, bytes, payloadOffset, payloadLength);
    }

    static byte[] toBeSigned(byte[] protectedSrc, int protectedOffset, int protectedLength,
                             byte[] payloadSrc, int payloadOffset, int payloadLength) {
        byte[] out = new byte[1 + 1 + CONTEXT.length + headSize(protectedLength) + protectedLength + 1
                + headSize(payloadLength) + payloadLength];
        int o = 0;
        out[o++] = (byte) 0x84;
        out[o++] = (byte) (0x60 | CONTEXT.length);
        System.arraycopy(CONTEXT, 0, out, o, CONTEXT.length);
        o += CONTEXT.length;
        o = bytesHead(out, o, protectedLength);
        System.arraycopy(protectedSrc, protectedOffset, out, o, protectedLength);
        o += protectedLength;
        out[o++] = 0x40;
        o = bytesHead(out, o, payloadLength);
        System.arraycopy(payloadSrc, payloadOffset, out, o, payloadLength);
        return out;
    }

    private static int headSize(int length) {
        return length < 24 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 5;
    }

    private static int bytesHead(byte[] out, int o, int length) {
        if (length < 24) {
            out[o++] = (byte) (0x40 | length);
        } else if (length < 0x100) {
            out[o++] = 0x58;
            out[o++] = (byte) length;
        } else if (length < 0x10000) {
            out[o++] = 0x59;
            out[o++] = (byte) (length >> 8);
            out[o++] = (byte) length;
        } else {
            out[o++] = 0x5a;
            out[o++] = (byte) (length >> 24);
            out[o++] = (byte) (length >> 16);
            out[o++] = (byte) (length >> 8);
            out[o++] = (byte) length;
        }
        return o;
    }
}
