package io.vigil.gateway.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery (docs/gateway.md, "Journal"): reads the records in order up to the first one that is
 * incomplete or whose CRC does not match, moves what follows to {@code journal.damaged-<epoch ms>}
 * and cuts the file there.
 */
final class JournalReader {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    /** What the file holds: the pending entries in order, and where the good records end. */
    record Recovered(TreeMap<Long, JournalEntry> pending, long pendingBytes, long validBytes, long lastSeq) {}

    private JournalReader() {}

    static Recovered recover(Path file, Clock clock) throws IOException {
        TreeMap<Long, JournalEntry> pending = new TreeMap<>();
        long pendingBytes = 0;
        long lastSeq = 0;
        long valid;
        long size = Files.size(file);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(JournalRecords.MAGIC.length);
            if (!Arrays.equals(magic, JournalRecords.MAGIC)) {
                throw new NotAJournalException(file + " is not a gateway journal (no VGJ1 magic); it is left as it is");
            }
            valid = JournalRecords.MAGIC.length;
            while (valid < size) {
                JournalRecords.Decoded record = next(in, size - valid);
                if (record == null) {
                    break;
                }
                switch (record.type()) {
                    case ENTRY -> {
                        pending.put(record.seq(), record.entry());
                        pendingBytes += JournalRecords.size(record.entry());
                    }
                    case RELEASE, DROP -> {
                        JournalEntry gone = pending.remove(record.seq());
                        if (gone != null) {
                            pendingBytes -= JournalRecords.size(gone);
                        }
                    }
                    case BASE -> { }
                }
                lastSeq = Math.max(lastSeq, record.seq());
                valid += record.fileBytes();
            }
        }
        if (valid < size) {
            setAside(file, valid, size, clock);
        }
        return new Recovered(pending, pendingBytes, valid, lastSeq);
    }

    /** The next record, or null when it is incomplete or damaged. */
    private static JournalRecords.Decoded next(DataInputStream in, long available) throws IOException {
        if (available < JournalRecords.PREFIX) {
            return null;
        }
        int length;
        int crc;
        byte[] body;
        try {
            length = in.readInt();
            crc = in.readInt();
            if (length < JournalRecords.BODY_HEADER || length > JournalRecords.MAX_BODY
                    || length > available - JournalRecords.PREFIX) {
                return null;
            }
            body = in.readNBytes(length);
        } catch (EOFException e) {
            return null;
        }
        if (body.length != length || !JournalRecords.crcMatches(crc, body)) {
            return null;
        }
        return JournalRecords.decode(body);
    }

    /** Keeps the bytes after the last good record in a side file and cuts the journal there. */
    private static void setAside(Path file, long valid, long size, Clock clock) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + clock.millis());
        try (FileChannel from = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel to = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long copied = 0;
            while (copied < size - valid) {
                copied += from.transferTo(valid + copied, size - valid - copied, to);
            }
            to.force(true);
            from.truncate(valid);
            from.force(true);
        }
        LOG.error("gateway journal {}: {} bytes from offset {} are torn or damaged (CRC); the journal ends before them, "
                + "they are kept in {}", file, size - valid, valid, aside);
    }
}
