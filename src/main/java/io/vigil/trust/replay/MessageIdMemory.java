package io.vigil.trust.replay;

/**
 * Which message ids were accepted lately, as 64-bit keyed hashes in a ring of per-second buckets
 * keyed by the second the id may be forgotten (when any replay of it would be refused as stale
 * anyway). Memory is bounded by {@code capacity} ids in all buckets together. Thread-safe (one lock:
 * the work under it is a few hash probes).
 */
final class MessageIdMemory {

    enum Mark { ADDED, SEEN, EXPIRED, FULL }

    private final int slots;
    private final long[] slotSecond;
    private final LongHashSet[] sets;
    private final int capacity;
    private int size;
    private long evictedBefore = Long.MIN_VALUE;

    /** @param horizonSeconds the longest an id must be remembered */
    MessageIdMemory(int horizonSeconds, int capacity) {
        this.slots = horizonSeconds + 3;
        this.slotSecond = new long[slots];
        java.util.Arrays.fill(slotSecond, Long.MIN_VALUE);
        this.sets = new LongHashSet[slots];
        for (int i = 0; i < slots; i++) {
            sets[i] = new LongHashSet();
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code hash} until {@code forgetAtSecond} unless it is known already.
     * EXPIRED: that second has passed, nothing recorded; FULL: at capacity, nothing recorded.
     */
    synchronized Mark mark(long hash, long forgetAtSecond, long nowSecond) {
        evict(nowSecond);
        long key = hash == 0 ? 1 : hash;
        for (int i = 0; i < slots; i++) {
            if (slotSecond[i] != Long.MIN_VALUE && sets[i].contains(key)) {
                return Mark.SEEN;
            }
        }
        if (forgetAtSecond < nowSecond) {
            return Mark.EXPIRED;
        }
        if (size >= capacity) {
            return Mark.FULL;
        }
        long second = Math.min(forgetAtSecond, nowSecond + slots - 1);
        int slot = (int) Math.floorMod(second, (long) slots);
        if (slotSecond[slot] != second) {
            size -= sets[slot].size();
            sets[slot].clear();
            slotSecond[slot] = second;
        }
        sets[slot].add(key);
        size++;
        return Mark.ADDED;
    }

    synchronized int size() {
        return size;
    }

    private void evict(long nowSecond) {
        if (nowSecond <= evictedBefore) {
            return;
        }
        for (int i = 0; i < slots; i++) {
            if (slotSecond[i] != Long.MIN_VALUE && slotSecond[i] < nowSecond) {
                size -= sets[i].size();
                sets[i].clear();
                slotSecond[i] = Long.MIN_VALUE;
            }
        }
        evictedBefore = nowSecond;
    }
}
