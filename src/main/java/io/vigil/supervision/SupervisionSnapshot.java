package io.vigil.supervision;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * The supervision state that survives a restart, as one binary file (big-endian, format in
 * docs/supervision.md): a versioned header, one record per site, an end marker, the record count
 * and a CRC-32C of everything before it.
 *
 * <p>{@link #write} copies the engine in chunks of {@value #CHUNK_SLOTS} slots, taking the engine's
 * lock once per chunk, so heartbeats and {@code advance} keep flowing while ten million sites are
 * written. Each record is consistent, the file as a whole is not a single instant; the restart
 * rule in {@link #read} is what makes that safe. The file is written beside the target, forced
 * to disk and renamed over it, so a crash leaves the previous snapshot intact.
 */
public final class SupervisionSnapshot {

    private static final int VERSION = 1;
    private static final int MAGIC = 0x56475356; // "VGSV"
    private static final int CHUNK_SLOTS = 4096;
    private static final int MAX_RECORD_BYTES = 1 + SiteIds.MAX_LENGTH + 1 + 4 + 8 + 8;
    private static final int MIN_RECORD_BYTES = 1 + 1 + 1 + 4 + 8 + 8;
    private static final int IN_FAILURE = 1;
    private static final int OVERRIDDEN = 2;

    private SupervisionSnapshot() {
    }

    /** @return the number of sites written */
    public static long write(SupervisionEngine engine, Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        long[] count = {0};
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ChecksummedWriter out = new ChecksummedWriter(channel, CHUNK_SLOTS * MAX_RECORD_BYTES);
            out.buffer.putInt(MAGIC).putShort((short) VERSION).putShort((short) 0)
                    .putLong(engine.clock().millis()).putInt(engine.stats().sites());
            out.flush();
            for (int from = 0; from < engine.slotLimit(); from += CHUNK_SLOTS) {
                engine.exportSites(from, from + CHUNK_SLOTS,
                        (id, idLength, inFailure, overridden, intervalMillis, lastHeartbeat, deadline) -> {
                            out.buffer.put((byte) idLength).put(id, 0, idLength)
                                    .put((byte) ((inFailure ? IN_FAILURE : 0) | (overridden ? OVERRIDDEN : 0)))
                                    .putInt(intervalMillis).putLong(lastHeartbeat).putLong(deadline);
                            count[0]++;
                        });
                out.flush();
            }
            out.buffer.put((byte) 0).putLong(count[0]);
            out.flush();
            out.buffer.putInt((int) out.crc.getValue());
            out.writeWithoutChecksum();
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return count[0];
    }

    /**
     * Builds an engine from a snapshot, treating the clock's now as the restart time (see
     * {@link SupervisionEngine#restoreSite} for the rule).
     *
     * @throws CorruptSnapshotException if anything in the file is not as written by {@link #write};
     *     the caller then starts empty and registers sites again, which also raises no flood
     */
    public static SupervisionEngine read(Path file, SupervisionConfig config, InstantSource clock) throws IOException {
        long fileSize = Files.size(file);
        CRC32C crc = new CRC32C();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc))) {
            if (in.readInt() != MAGIC) {
                throw new CorruptSnapshotException("not a supervision snapshot");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION || in.readUnsignedShort() != 0) {
                throw new CorruptSnapshotException("unsupported supervision snapshot version " + version);
            }
            in.readLong(); // taken at: for people reading the file, the restart rule does not need it
            int sitesHint = (int) Math.min(Math.max(in.readInt(), 0), fileSize / MIN_RECORD_BYTES);
            SupervisionEngine engine = new SupervisionEngine(
                    config.withExpectedSites(Math.max(config.expectedSites(), sitesHint)), clock);
            long restartMillis = clock.millis();
            long count = readSites(in, engine, restartMillis);
            if (in.readLong() != count) {
                throw new CorruptSnapshotException("the record count does not match");
            }
            int computed = (int) crc.getValue();
            if (in.readInt() != computed) {
                throw new CorruptSnapshotException("checksum mismatch");
            }
            if (in.read() != -1) {
                throw new CorruptSnapshotException("bytes after the checksum");
            }
            return engine;
        } catch (EOFException e) {
            throw new CorruptSnapshotException("the snapshot is truncated");
        }
    }

    private static long readSites(DataInputStream in, SupervisionEngine engine, long restartMillis) throws IOException {
        byte[] id = new byte[SiteIds.MAX_LENGTH];
        long count = 0;
        for (int idLength = in.readUnsignedByte(); idLength != 0; idLength = in.readUnsignedByte()) {
            if (idLength > SiteIds.MAX_LENGTH) {
                throw new CorruptSnapshotException("a site id is too long");
            }
            in.readFully(id, 0, idLength);
            String siteId = new String(id, 0, idLength, StandardCharsets.US_ASCII);
            int state = in.readUnsignedByte();
            int intervalMillis = in.readInt();
            long lastHeartbeat = in.readLong();
            long deadline = in.readLong();
            if (!SiteIds.isValid(siteId) || (state & ~(IN_FAILURE | OVERRIDDEN)) != 0
                    || intervalMillis < SupervisionConfig.MIN_INTERVAL.toMillis()
                    || intervalMillis > SupervisionConfig.MAX_INTERVAL.toMillis()) {
                throw new CorruptSnapshotException("bad site record " + (count + 1));
            }
            try {
                engine.restoreSite(siteId, (state & IN_FAILURE) != 0, (state & OVERRIDDEN) != 0, intervalMillis,
                        lastHeartbeat, deadline, restartMillis);
            } catch (IllegalArgumentException e) {
                throw new CorruptSnapshotException("bad site record " + (count + 1) + ": " + e.getMessage());
            }
            count++;
        }
        return count;
    }

    /** A reusable buffer whose bytes go to the channel and into a running CRC-32C. */
    private static final class ChecksummedWriter {
        final ByteBuffer buffer;
        final CRC32C crc = new CRC32C();
        private final FileChannel channel;

        ChecksummedWriter(FileChannel channel, int capacity) {
            this.channel = channel;
            this.buffer = ByteBuffer.allocate(capacity);
        }

        void flush() throws IOException {
            crc.update(buffer.array(), 0, buffer.position());
            writeWithoutChecksum();
        }

        void writeWithoutChecksum() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }
    }
}
