package io.vigil.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The gateway's durable queue (docs/gateway.md, "Journal"): an append-only file, an fsync per entry
 * before {@link #append} returns, a CRC-32C per record, recovery up to the first torn or damaged
 * record, a bound on pending bytes with the heartbeat drop rule, and compaction by rewrite. Pending
 * entries are also held in memory, in sequence order. Safe for concurrent use.
 */
public final class Journal implements AutoCloseable {

    static final String FILE = "journal";
    private static final String TMP = "journal.tmp";
    /** Below this the file is not worth rewriting, whatever it holds. */
    static final long COMPACT_MIN_BYTES = 1 << 20;
    /** Keys of the last entries stored, so a panel's retransmission is not journaled twice. */
    static final int RECENT_KEYS = 4096;

    private final Path dir;
    private final long maxBytes;
    private final long compactMinBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final TreeMap<Long, JournalEntry> pending = new TreeMap<>();
    private final Map<String, Long> recentKeys = new LinkedHashMap<>(RECENT_KEYS * 2) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > RECENT_KEYS;
        }
    };
    private FileChannel channel;
    private long fileSize;
    private long pendingBytes;
    private long nextSeq;

    private Journal(Path dir, long maxBytes, long compactMinBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.compactMinBytes = compactMinBytes;
    }

    /**
     * Opens (or creates) the journal in {@code dir}, recovering what a crash left. A new journal's
     * sequence starts at the clock's microseconds, a reopened one above its last entry and the clock.
     */
    public static Journal open(Path dir, long maxBytes, Clock clock) throws IOException {
        return open(dir, maxBytes, clock, COMPACT_MIN_BYTES);
    }

    static Journal open(Path dir, long maxBytes, Clock clock, long compactMinBytes) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the journal's bound must be positive");
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(TMP));
        Journal journal = new Journal(dir, maxBytes, compactMinBytes);
        long lastSeq = journal.recover(dir.resolve(FILE), clock);
        journal.nextSeq = Math.max(lastSeq + 1, micros(clock.instant()));
        return journal;
    }

    /**
     * Appends an entry unless one with the same key is pending or was stored lately. {@code seal}
     * gets the entry's sequence number and returns the bytes to forward (the signed envelope); it runs
     * under the journal's lock, so sequence order is file order.
     */
    public AppendResult append(EntryKind kind, String topic, String key, LongFunction<byte[]> seal) throws IOException {
        lock.lock();
        try {
            Long known = recentKeys.get(key);
            if (known != null) {
                return new AppendResult.AlreadyStored(known);
            }
            long seq = nextSeq;
            JournalEntry entry = new JournalEntry(seq, kind, topic, key, seal.apply(seq));
            long size = JournalRecords.size(entry);
            if (!makeRoom(size)) {
                return new AppendResult.Full(pendingBytes);
            }
            compactIfWorthIt();
            write(JournalRecords.entry(entry), true);
            nextSeq = seq + 1;
            pending.put(seq, entry);
            pendingBytes += size;
            recentKeys.put(key, seq);
            appended.signalAll();
            return new AppendResult.Stored(seq);
        } finally {
            lock.unlock();
        }
    }

    /** The entry was delivered (PUBACK): it leaves the journal. Unknown or already released: nothing happens. */
    public void release(long seq) throws IOException {
        remove(seq, JournalRecords.Type.RELEASE);
    }

    /**
     * Up to {@code max} pending entries after {@code afterSeq}, in order, waiting up to {@code wait}
     * for the first one to be appended.
     */
    public List<JournalEntry> pendingAfter(long afterSeq, int max, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (pending.higherKey(afterSeq) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                appended.awaitNanos(left);
            }
            List<JournalEntry> out = new ArrayList<>(Math.min(max, pending.size()));
            for (JournalEntry e : pending.tailMap(afterSeq, false).values()) {
                if (out.size() == max) {
                    break;
                }
                out.add(e);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    public int pendingCount() {
        return locked(pending::size);
    }

    public long pendingBytes() {
        return locked(() -> pendingBytes);
    }

    /** The journal file's size on disk. */
    public long fileBytes() {
        return locked(() -> fileSize);
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (channel != null && channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void remove(long seq, JournalRecords.Type marker) throws IOException {
        lock.lock();
        try {
            JournalEntry entry = pending.remove(seq);
            if (entry == null) {
                return;
            }
            pendingBytes -= JournalRecords.size(entry);
            // not forced: a lost marker means one byte-identical re-send (or a heartbeat kept), never a loss
            write(JournalRecords.marker(marker, seq), false);
            compactIfWorthIt();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the oldest pending heartbeats until {@code size} more bytes fit; false if only alarms are left. */
    private boolean makeRoom(long size) throws IOException {
        Iterator<JournalEntry> oldestFirst = pending.values().iterator();
        while (pendingBytes + size > maxBytes) {
            JournalEntry heartbeat = null;
            while (oldestFirst.hasNext()) {
                JournalEntry candidate = oldestFirst.next();
                if (candidate.kind() == EntryKind.HEARTBEAT) {
                    heartbeat = candidate;
                    break;
                }
            }
            if (heartbeat == null) {
                return false;
            }
            oldestFirst.remove();
            pendingBytes -= JournalRecords.size(heartbeat);
            write(JournalRecords.marker(JournalRecords.Type.DROP, heartbeat.seq()), false);
        }
        return true;
    }

    /** Rewrites the file with the pending entries only, when the dead records outweigh them. */
    private void compactIfWorthIt() throws IOException {
        long live = JournalRecords.MAGIC.length + pendingBytes;
        if (fileSize < compactMinBytes || fileSize - live <= live) {
            return;
        }
        Path tmp = dir.resolve(TMP);
        long written;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.wrap(JournalRecords.MAGIC));
            writeFully(out, JournalRecords.marker(JournalRecords.Type.BASE, nextSeq - 1));
            for (JournalEntry entry : pending.values()) {
                writeFully(out, JournalRecords.entry(entry));
            }
            out.force(true);
            written = out.size();
        }
        channel.close();
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.WRITE);
        channel.position(written);
        fileSize = written;
    }

    /** Appends one record; a record that could not be written whole is cut off again, so no garbage precedes the next. */
    private void write(ByteBuffer record, boolean force) throws IOException {
        try {
            writeFully(channel, record);
            if (force) {
                channel.force(false);
            }
            fileSize = channel.position();
        } catch (IOException e) {
            try {
                channel.truncate(fileSize);
                channel.position(fileSize);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** Reads what the file holds (cutting it at the first torn or damaged record); returns the last seq seen. */
    private long recover(Path file, Clock clock) throws IOException {
        if (!Files.exists(file) || Files.size(file) < JournalRecords.MAGIC.length) {
            createEmpty(file);
            return 0;
        }
        JournalReader.Recovered recovered = JournalReader.recover(file, clock);
        pending.putAll(recovered.pending());
        pendingBytes = recovered.pendingBytes();
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(recovered.validBytes());
        fileSize = recovered.validBytes();
        for (JournalEntry e : pending.values()) {
            recentKeys.put(e.key(), e.seq());
        }
        return recovered.lastSeq();
    }

    private void createEmpty(Path file) throws IOException {
        Path tmp = dir.resolve(TMP);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.wrap(JournalRecords.MAGIC));
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(JournalRecords.MAGIC.length);
        fileSize = JournalRecords.MAGIC.length;
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static long micros(Instant at) {
        return Math.max(0, TimeUnit.SECONDS.toMicros(at.getEpochSecond()) + at.getNano() / 1000);
    }
}
