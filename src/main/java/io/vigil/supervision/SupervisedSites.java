package io.vigil.supervision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Walks the sites an engine holds in communications failure, for reconciling with the incidents
 * in PostgreSQL after a restart. Copies 4,096 slots per lock acquisition, like the snapshot, and
 * calls back outside the lock.
 */
public final class SupervisedSites {

    private static final int CHUNK_SLOTS = 4096;

    private SupervisedSites() {}

    /** Calls {@code action} with each site in failure and the deadline it missed. */
    public static void forEachInFailure(SupervisionEngine engine, BiConsumer<String, Instant> action) {
        record Failure(String siteId, long deadline) {}
        for (int from = 0; from < engine.slotLimit(); from += CHUNK_SLOTS) {
            List<Failure> chunk = new ArrayList<>();
            engine.exportSites(from, from + CHUNK_SLOTS,
                    (id, idLength, inFailure, overridden, intervalMillis, lastHeartbeat, deadline) -> {
                        if (inFailure) {
                            chunk.add(new Failure(new String(id, 0, idLength, StandardCharsets.US_ASCII), deadline));
                        }
                    });
            chunk.forEach(f -> action.accept(f.siteId(), Instant.ofEpochMilli(f.deadline())));
        }
    }
}
