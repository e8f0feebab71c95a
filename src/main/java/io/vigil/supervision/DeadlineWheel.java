package io.vigil.supervision;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Pending deadlines as a hashed timing wheel over site slots: 2^20 buckets of 128 ms each, one
 * revolution every 37.3 hours, which is longer than the furthest deadline the engine can set
 * (25 h interval + 1 h grace), so a bucket normally holds only deadlines of its own 128 ms.
 * Each bucket is an intrusive doubly linked list threaded through two per-slot int arrays, so
 * scheduling, rescheduling and cancelling are O(1) and {@link #expire} touches only the buckets
 * that time has passed and the sites in them - sites that are due, except after a pause longer
 * than a revolution, when a bucket may also hold deadlines of a later revolution (they stay).
 * Not thread-safe; the engine's lock guards it.
 */
final class DeadlineWheel {

    static final long TICK_MILLIS = 128;
    static final int BUCKETS = 1 << 20;

    private static final int NONE = -1;
    /** {@code previous} of a slot in no bucket. Heads store {@code -1 - bucket} instead of a slot. */
    private static final int UNLINKED = Integer.MIN_VALUE;

    private final PagedLongs deadlines;
    private final int[] heads = new int[BUCKETS];
    private final PagedInts next = new PagedInts(NONE);
    private final PagedInts previous = new PagedInts(UNLINKED);
    private long cursorTick;
    private long bucketsVisited;
    private long sitesVisited;

    /**
     * @param deadlines the engine's per-slot deadlines (epoch milliseconds), read by {@link #expire}
     * @param startMillis the time from which buckets count as not yet passed
     */
    DeadlineWheel(PagedLongs deadlines, long startMillis) {
        this.deadlines = deadlines;
        this.cursorTick = Math.floorDiv(startMillis, TICK_MILLIS);
        Arrays.fill(heads, NONE);
    }

    void ensureCapacity(int slots) {
        next.ensureCapacity(slots);
        previous.ensureCapacity(slots);
    }

    /** Links a slot that is in no bucket, at its current deadline; past deadlines go to the next bucket due. */
    void schedule(int slot) {
        int bucket = bucketOf(Math.max(Math.floorDiv(deadlines.get(slot), TICK_MILLIS), cursorTick));
        int head = heads[bucket];
        next.set(slot, head);
        previous.set(slot, -1 - bucket);
        if (head != NONE) {
            previous.set(head, slot);
        }
        heads[bucket] = slot;
    }

    void cancel(int slot) {
        int before = previous.get(slot);
        int after = next.get(slot);
        if (before == UNLINKED) {
            return;
        }
        if (before < 0) {
            heads[-1 - before] = after;
        } else {
            next.set(before, after);
        }
        if (after != NONE) {
            previous.set(after, before);
        }
        next.set(slot, NONE);
        previous.set(slot, UNLINKED);
    }

    /** Moves a scheduled slot after its deadline changed. */
    void reschedule(int slot) {
        cancel(slot);
        schedule(slot);
    }

    /**
     * Unlinks the slots whose deadline lies in a bucket that ended at or before {@code nowMillis},
     * at most {@code limit} of them, and hands each to {@code due}. Whatever the limit leaves
     * behind comes first on the next call.
     *
     * @return how many slots were handed over
     */
    int expire(long nowMillis, int limit, IntConsumer due) {
        long nowTick = Math.floorDiv(nowMillis, TICK_MILLIS);
        if (nowTick - cursorTick > BUCKETS) {
            cursorTick = nowTick - BUCKETS; // one revolution visits every bucket once
        }
        int expired = 0;
        for (; cursorTick < nowTick; cursorTick++) {
            long bucketEnd = (cursorTick + 1) * TICK_MILLIS;
            bucketsVisited++;
            int slot = heads[bucketOf(cursorTick)];
            while (slot != NONE) {
                if (expired == limit) {
                    return expired;
                }
                sitesVisited++;
                int following = next.get(slot);
                if (deadlines.get(slot) < bucketEnd) {
                    cancel(slot);
                    due.accept(slot);
                    expired++;
                }
                slot = following;
            }
        }
        return expired;
    }

    /** Buckets visited by {@link #expire} since construction (a bucket cut short by the limit counts again). */
    long bucketsVisited() {
        return bucketsVisited;
    }

    /** Scheduled slots examined by {@link #expire} since construction. */
    long sitesVisited() {
        return sitesVisited;
    }

    private static int bucketOf(long tick) {
        return (int) (tick & (BUCKETS - 1));
    }
}
