package io.vigil.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final long MAX = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void pendingEntriesSurviveAReopenInOrderWithTheirBytes() throws Exception {
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            append(journal, EntryKind.ALARM, "a");
            long released = seq(append(journal, EntryKind.HEARTBEAT, "b"));
            append(journal, EntryKind.ALARM, "c");
            journal.release(released);
        }
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            List<JournalEntry> pending = all(journal);
            assertThat(pending).extracting(JournalEntry::key).containsExactly("a", "c");
            assertThat(pending.get(1).envelope()).isEqualTo(envelope("c", pending.get(1).seq()));
            assertThat(pending.get(1).topic()).isEqualTo("sites/s/gateway/dc09-c");
        }
    }

    @Test
    void sequenceNumbersKeepRisingAcrossReopensEvenWhenTheClockIsBehindAndAllWasReleased() throws Exception {
        long last;
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            last = seq(append(journal, EntryKind.ALARM, "a"));
            assertThat(last).as("a new journal starts at the clock's microseconds").isEqualTo(1_767_225_600_000_000L);
            journal.release(last);
        }
        Clock earlier = Clock.offset(CLOCK, Duration.ofDays(-1));
        try (Journal journal = Journal.open(dir, MAX, earlier)) {
            assertThat(seq(append(journal, EntryKind.ALARM, "b"))).isGreaterThan(last);
        }
    }

    @Test
    void aRetransmittedFrameIsNotStoredTwice() throws Exception {
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            long first = seq(append(journal, EntryKind.ALARM, "same"));
            assertThat(append(journal, EntryKind.ALARM, "same")).isEqualTo(new AppendResult.AlreadyStored(first));
            journal.release(first);
            assertThat(append(journal, EntryKind.ALARM, "same")).as("forwarded lately: still known")
                    .isEqualTo(new AppendResult.AlreadyStored(first));
            assertThat(journal.pendingCount()).isZero();
        }
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            append(journal, EntryKind.ALARM, "pending");
        }
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            assertThat(append(journal, EntryKind.ALARM, "pending")).as("a pending entry's key is known after a restart")
                    .isInstanceOf(AppendResult.AlreadyStored.class);
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndEverythingBeforeItKept() throws Exception {
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            append(journal, EntryKind.ALARM, "a");
            append(journal, EntryKind.ALARM, "b");
        }
        Path file = dir.resolve(Journal.FILE);
        long goodSize = Files.size(file);
        ByteBuffer third = JournalRecords.entry(new JournalEntry(99_999_999_999_999_999L, EntryKind.ALARM, "t", "torn",
                new byte[100]));
        byte[] partial = new byte[third.remaining() / 2];
        third.get(partial);
        Files.write(file, partial, StandardOpenOption.APPEND);

        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            assertThat(all(journal)).extracting(JournalEntry::key).containsExactly("a", "b");
            assertThat(Files.size(file)).isEqualTo(goodSize);
            assertThat(damagedFiles()).singleElement().satisfies(d -> assertThat(Files.readAllBytes(d)).isEqualTo(partial));
            append(journal, EntryKind.ALARM, "c");
        }
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            assertThat(all(journal)).as("appends after the cut are read again").extracting(JournalEntry::key)
                    .containsExactly("a", "b", "c");
        }
    }

    @Test
    void aRecordWhoseCrcDoesNotMatchEndsTheJournalAndTheRestIsKeptAside() throws Exception {
        long secondOffset;
        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            append(journal, EntryKind.ALARM, "a");
            secondOffset = journal.fileBytes();
            append(journal, EntryKind.ALARM, "b");
            append(journal, EntryKind.ALARM, "c");
        }
        Path file = dir.resolve(Journal.FILE);
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            long inEnvelope = secondOffset + 30;
            channel.read(b, inEnvelope);
            b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
            channel.write(b, inEnvelope);
        }

        try (Journal journal = Journal.open(dir, MAX, CLOCK)) {
            assertThat(all(journal)).extracting(JournalEntry::key).containsExactly("a");
            assertThat(Files.size(file)).isEqualTo(secondOffset);
            assertThat(damagedFiles()).singleElement().satisfies(d -> assertThat(Files.size(d)).isEqualTo(size - secondOffset));
        }
    }

    @Test
    void aFileThatIsNotAJournalIsLeftAlone() throws Exception {
        Path file = dir.resolve(Journal.FILE);
        Files.writeString(file, "something else entirely");
        assertThatThrownBy(() -> Journal.open(dir, MAX, CLOCK)).isInstanceOf(NotAJournalException.class);
        assertThat(Files.readString(file)).isEqualTo("something else entirely");
    }

    @Test
    void whenFullTheOldestHeartbeatsGoFirstAndAlarmsAreRefusedNeverDropped() throws Exception {
        long entry = JournalRecords.size(new JournalEntry(0, EntryKind.ALARM, "sites/s/gateway/dc09-x", "x",
                envelope("x", 1_767_225_600_000_000L)));
        try (Journal journal = Journal.open(dir, 4 * entry + entry / 2, CLOCK)) {
            append(journal, EntryKind.HEARTBEAT, "h");
            append(journal, EntryKind.ALARM, "1");
            append(journal, EntryKind.HEARTBEAT, "i");
            append(journal, EntryKind.ALARM, "2");

            assertThat(append(journal, EntryKind.ALARM, "3")).isInstanceOf(AppendResult.Stored.class);
            assertThat(keys(journal)).as("the oldest heartbeat made room").containsExactly("1", "i", "2", "3");
            assertThat(append(journal, EntryKind.HEARTBEAT, "j")).isInstanceOf(AppendResult.Stored.class);
            assertThat(keys(journal)).containsExactly("1", "2", "3", "j");
            append(journal, EntryKind.ALARM, "4");
            assertThat(keys(journal)).containsExactly("1", "2", "3", "4");

            assertThat(append(journal, EntryKind.ALARM, "5")).isInstanceOf(AppendResult.Full.class);
            assertThat(append(journal, EntryKind.HEARTBEAT, "k")).isInstanceOf(AppendResult.Full.class);
            assertThat(keys(journal)).as("no alarm was dropped").containsExactly("1", "2", "3", "4");
        }
        try (Journal journal = Journal.open(dir, 4 * entry + entry / 2, CLOCK)) {
            assertThat(keys(journal)).as("the drops are in the file too").containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    void releasedEntriesAreCompactedAwayAndTheFileStaysBounded() throws Exception {
        long compactFrom = 4096;
        try (Journal journal = Journal.open(dir, MAX, CLOCK, compactFrom)) {
            long keep = seq(append(journal, EntryKind.ALARM, "keep"));
            long largest = 0;
            for (int i = 0; i < 300; i++) {
                journal.release(seq(append(journal, EntryKind.ALARM, "k" + i)));
                largest = Math.max(largest, journal.fileBytes());
            }
            assertThat(largest).as("compaction keeps the file near its threshold").isLessThan(compactFrom + 200);
            assertThat(keys(journal)).containsExactly("keep");
            assertThat(all(journal).get(0).seq()).isEqualTo(keep);
            long last = seq(append(journal, EntryKind.ALARM, "last"));
            journal.close();
            try (Journal reopened = Journal.open(dir, MAX, CLOCK)) {
                assertThat(keys(reopened)).containsExactly("keep", "last");
                assertThat(seq(append(reopened, EntryKind.ALARM, "after"))).isGreaterThan(last);
            }
        }
    }

    private static AppendResult append(Journal journal, EntryKind kind, String key) throws IOException {
        return journal.append(kind, "sites/s/gateway/dc09-" + key, key, seq -> envelope(key, seq));
    }

    private static byte[] envelope(String key, long seq) {
        return ("envelope " + key + " " + seq + " " + "x".repeat(40)).getBytes(StandardCharsets.UTF_8);
    }

    private static long seq(AppendResult result) {
        return ((AppendResult.Stored) result).seq();
    }

    private static List<JournalEntry> all(Journal journal) throws InterruptedException {
        return journal.pendingAfter(Long.MIN_VALUE, Integer.MAX_VALUE, Duration.ZERO);
    }

    private static List<String> keys(Journal journal) throws InterruptedException {
        return all(journal).stream().map(JournalEntry::key).toList();
    }

    private List<Path> damagedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(Journal.FILE + ".damaged-")).toList();
        }
    }
}
