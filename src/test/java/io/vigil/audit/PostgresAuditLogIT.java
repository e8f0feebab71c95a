package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditReceipt.AlreadyRecorded;
import io.vigil.audit.AuditReceipt.Appended;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresAuditLogIT {

    private AuditTestDatabase db;

    @BeforeEach
    void create() {
        db = AuditTestDatabase.create();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void concurrentAppendersInTwoProcessesKeepOneValidChain() throws Exception {
        int threads = 8;
        int perThread = 300;
        // two logs with their own writer threads, as two receiver processes would have
        try (PostgresAuditLog first = db.startLog(Clock.systemUTC());
             PostgresAuditLog second = PostgresAuditLog.start(db.app(), AuditConfig.DEFAULTS.withBatchSize(37))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<CompletableFuture<AuditReceipt>> receipts = new ArrayList<>();
            List<java.util.concurrent.Future<List<CompletableFuture<AuditReceipt>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AuditLog log = t % 2 == 0 ? first : second;
                int thread = t;
                submitted.add(pool.submit(() -> {
                    List<CompletableFuture<AuditReceipt>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(log.append(AuditEntry.signalAccepted("site-" + thread, "ev-" + thread + "-" + i)));
                    }
                    return mine;
                }));
            }
            for (var future : submitted) {
                receipts.addAll(future.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(receipts).allSatisfy(r -> assertThat(r.join()).isInstanceOf(Appended.class));
            assertThat(receipts.stream().map(r -> r.join().seq()).distinct().count()).isEqualTo(threads * perThread);
        }
        VerifyResult result = db.verify();
        assertThat(result).isInstanceOfSatisfying(VerifyResult.Intact.class, intact -> {
            assertThat(intact.rowsChecked()).isEqualTo(threads * perThread);
            assertThat(intact.firstSeq()).isEqualTo(1);
            assertThat(intact.head().seq()).isEqualTo(threads * perThread);
        });
    }

    @Test
    void aReplayedSignalIsRecordedOnceWhetherInTheSameBatchOrLater() throws Exception {
        Clock clock = Clock.systemUTC();
        List<AuditReceipt> first = db.append(List.of(
                AuditEntry.signalAccepted("site-1", "ev-1"),
                AuditEntry.signalAccepted("site-1", "ev-1"), // redelivered within the same batch
                AuditEntry.signalQuarantined("site-1", "ev-1", "replayed_sequence"), // another kind: its own row
                AuditEntry.operatorAction("alice", "acknowledge"),
                AuditEntry.operatorAction("alice", "acknowledge")), clock); // two clicks are two acts
        List<AuditReceipt> replay = db.append(List.of(
                AuditEntry.signalAccepted("site-1", "ev-1"),
                AuditEntry.signalAccepted("site-1", "ev-2")), clock);

        // each receipt by its kind and seq: the duplicate points at the row it duplicates, the others are new rows 1-4
        assertThat(first).extracting(r -> r.getClass().getSimpleName() + ":" + r.seq())
                .containsExactly("Appended:1", "AlreadyRecorded:1", "Appended:2", "Appended:3", "Appended:4");
        assertThat(first.get(1)).isEqualTo(new AlreadyRecorded(1));
        assertThat(first).filteredOn(Appended.class::isInstance)
                .extracting(r -> ((Appended) r).hash()).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{64}"));
        assertThat(replay).extracting(r -> r.getClass().getSimpleName() + ":" + r.seq())
                .containsExactly("AlreadyRecorded:1", "Appended:5");
        assertThat(count()).isEqualTo(5);
        assertThat(db.verify()).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void aNewMonthGetsItsPartitionAndTheNextOneOnTheFirstAppend() throws Exception {
        Instant farFuture = Instant.parse("2040-02-29T23:59:59.999999Z");
        db.append(List.of(AuditEntry.operatorAction("alice", "login")), Clock.fixed(farFuture, ZoneOffset.UTC));

        assertThat(partitions()).contains("audit_log_y2040m02", "audit_log_y2040m03");
        assertThat(db.verify()).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void timeNeverGoesBackwardsAlongTheChainEvenWhenTheClockDoes() throws Exception {
        Instant now = Instant.now();
        db.append(List.of(AuditEntry.operatorAction("alice", "a")), Clock.fixed(now, ZoneOffset.UTC));
        db.append(List.of(AuditEntry.operatorAction("alice", "b")), Clock.fixed(now.minusSeconds(3600), ZoneOffset.UTC));

        try (Connection c = db.app().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(DISTINCT recorded_at), max(seq) FROM audit_log")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getLong(2)).isEqualTo(2);
        }
        assertThat(db.verify()).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void closeWritesWhatWasQueuedAndRefusesLaterAppends() throws Exception {
        PostgresAuditLog log = db.startLog(Clock.systemUTC());
        List<CompletableFuture<AuditReceipt>> queued = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            queued.add(log.append(AuditEntry.signalAccepted("site-1", "ev-" + i)));
        }
        log.close();

        assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(count()).isEqualTo(1000);
        assertThat(log.append(AuditEntry.signalAccepted("site-1", "late"))).isCompletedExceptionally();
    }

    @Test
    void aFailedBatchFailsItsFuturesAndTheWriterCarriesOn() throws Exception {
        try (Connection owner = db.owner(); Statement st = owner.createStatement()) {
            // a stricter schema than this code knows: the database refuses one entry
            st.execute("ALTER TABLE audit_log ADD CONSTRAINT no_mallory CHECK (actor_id <> 'mallory')");
        }
        try (PostgresAuditLog log = db.startLog(Clock.systemUTC())) {
            CompletableFuture<AuditReceipt> good = log.append(AuditEntry.operatorAction("alice", "a"));
            CompletableFuture<AuditReceipt> bad = log.append(AuditEntry.operatorAction("mallory", "b"));
            CompletableFuture<AuditReceipt> after = log.append(AuditEntry.operatorAction("bob", "c"));

            assertThat(after.get(30, TimeUnit.SECONDS)).isInstanceOf(Appended.class);
            assertThat(good.get(30, TimeUnit.SECONDS)).isInstanceOf(Appended.class);
            assertThat(bad).failsWithin(30, TimeUnit.SECONDS);
        }
        assertThat(count()).isEqualTo(2);
        assertThat(db.verify()).isInstanceOf(VerifyResult.Intact.class);
    }

    private long count() throws Exception {
        try (Connection c = db.app().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> partitions() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = db.owner(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                     + " WHERE i.inhparent = 'audit_log'::regclass ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
