package io.vigil.gateway.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The journal's byte layout (docs/gateway.md, "Journal"): {@code u32 length | u32 CRC-32C | u8 type |
 * u64 seq | payload}, length and CRC over type, seq and payload.
 */
final class JournalRecords {

    static final byte[] MAGIC = {'V', 'G', 'J', '1'};
    static final int PREFIX = 8;
    /** type and seq */
    static final int BODY_HEADER = 9;
    /** Far above the largest DC-09 frame in an envelope; a larger length field means damage. */
    static final int MAX_BODY = 1 << 20;

    enum Type {
        ENTRY(1), RELEASE(2), DROP(3), BASE(4);

        final byte code;

        Type(int code) {
            this.code = (byte) code;
        }

        static Type of(byte code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    /** A decoded record; {@code entry} only for {@link Type#ENTRY}. */
    record Decoded(Type type, long seq, JournalEntry entry) {
        /** The bytes the record takes in the file. */
        long fileBytes() {
            return entry != null ? size(entry) : PREFIX + BODY_HEADER;
        }
    }

    private JournalRecords() {}

    static ByteBuffer entry(JournalEntry entry) {
        byte[] topic = entry.topic().getBytes(StandardCharsets.UTF_8);
        byte[] key = entry.key().getBytes(StandardCharsets.UTF_8);
        if (topic.length > 0xFFFF || key.length > 0xFFFF) {
            throw new IllegalArgumentException("topic and key must be under 64 KiB");
        }
        ByteBuffer payload = ByteBuffer.allocate(1 + 2 + topic.length + 2 + key.length + entry.envelope().length)
                .put(entry.kind().code()).putShort((short) topic.length).put(topic).putShort((short) key.length).put(key)
                .put(entry.envelope());
        return record(Type.ENTRY, entry.seq(), payload.array());
    }

    static ByteBuffer marker(Type type, long seq) {
        return record(type, seq, new byte[0]);
    }

    /** The bytes an entry takes in the file, for the journal's bound. */
    static long size(JournalEntry entry) {
        return PREFIX + BODY_HEADER + 1 + 2 + utf8Length(entry.topic()) + 2 + utf8Length(entry.key())
                + entry.envelope().length;
    }

    private static ByteBuffer record(Type type, long seq, byte[] payload) {
        int length = BODY_HEADER + payload.length;
        ByteBuffer buffer = ByteBuffer.allocate(PREFIX + length);
        buffer.putInt(length).putInt(0).put(type.code).putLong(seq).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), PREFIX, length);
        buffer.putInt(4, (int) crc.getValue());
        return buffer.flip();
    }

    /** Whether {@code body} (type..payload) matches the CRC stored before it. */
    static boolean crcMatches(int storedCrc, byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue() == storedCrc;
    }

    /** The record in {@code body} (CRC already checked), or null when its type or layout is not one we wrote. */
    static Decoded decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        Type type = Type.of(in.get());
        long seq = in.getLong();
        if (type == null) {
            return null;
        }
        if (type != Type.ENTRY) {
            return in.hasRemaining() ? null : new Decoded(type, seq, null);
        }
        try {
            EntryKind kind = EntryKind.of(in.get());
            String topic = text(in, in.getShort() & 0xFFFF);
            String key = text(in, in.getShort() & 0xFFFF);
            byte[] envelope = new byte[in.remaining()];
            in.get(envelope);
            return new Decoded(type, seq, new JournalEntry(seq, kind, topic, key, envelope));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
