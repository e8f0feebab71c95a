package io.vigil.bench;

import io.vigil.config.VigilProperties;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.replay.ReplayGuard;
import io.vigil.trust.replay.SequenceStore;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Measures the heap a replay guard holds per remembered message id (with its digest): distinct
 * envelopes from 100 devices of one site, all within one freshness window. Run as
 * {@code java -Xmx1g -cp target/classes:target/lib/* io.vigil.bench.ReplayFootprint 2000000}.
 */
public final class ReplayFootprint {

    private ReplayFootprint() {}

    public static void main(String[] args) {
        int ids = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        TrustConfig config = TrustConfig.from(VigilProperties.of(Map.of(
                "vigil.trust.replay.max-message-ids", Integer.toString(Math.max(1024, ids)))));
        long before = usedHeapAfterGc();
        ReplayGuard guard = new ReplayGuard(config, SequenceStore.NONE, clock);
        for (int i = 0; i < ids; i++) {
            String mid = "m-" + i;
            guard.check("site-1", "d" + i % 100, i, mid, mid.getBytes(StandardCharsets.US_ASCII), clock.instant(), false, false);
        }
        long heap = usedHeapAfterGc() - before;
        System.out.printf("ids=%,d remembered=%,d heap=%,d bytes (%.1f bytes/id)%n", ids, guard.rememberedMessageIds(),
                heap, heap / (double) ids);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
