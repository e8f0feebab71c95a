package io.vigil.trust.replay;

/**
 * Which message ids were accepted lately, each with a digest of the accepted bytes, as 64-bit keyed
 * hashes in a ring of per-second buckets keyed by the second the id may be forgotten (a replay horizon
 * after it was accepted). Memory is bounded by {@code capacity} ids in all buckets together.
 * Thread-safe (one lock: the work under it is a few hash probes).
 */
final class MessageIdMemory {

    /** ADDED: remembered now; SAME: known with the same digest; OTHER: known with another digest; FULL: at capacity. */
    enum Mark { ADDED, SAME, OTHER, FULL }

    private final int slots;
    private final long[] slotSecond;
    private final LongLongHashMap[] sets;
    private final int capacity;
    private int size;
    private long evictedBefore = Long.MIN_VALUE;

    /** @param horizonSeconds the longest an id must be remembered */
    MessageIdMemory(int horizonSeconds, int capacity) {
        this.slots = horizonSeconds + 3;
        this.slotSecond = new long[slots];
        java.util.Arrays.fill(slotSecond, Long.MIN_VALUE);
        this.sets = new LongLongHashMap[slots];
        for (int i = 0; i < slots; i++) {
            sets[i] = new LongLongHashMap();
        }
        this.capacity = capacity;
    }

    /** What is known of {@code hash}: SAME or OTHER digest, or ADDED meaning "not known" (nothing is recorded). */
    synchronized Mark find(long hash, long digest, long nowSecond) {
        evict(nowSecond);
        long key = hash == 0 ? 1 : hash;
        for (int i = 0; i < slots; i++) {
            if (slotSecond[i] != Long.MIN_VALUE && sets[i].containsKey(key)) {
                return sets[i].get(key) == digest ? Mark.SAME : Mark.OTHER;
            }
        }
        return Mark.ADDED;
    }

    /**
     * Records {@code hash} with {@code digest} until {@code forgetAtSecond} (at least until now) unless
     * it is known already, in which case the answer says whether with the same digest.
     */
    synchronized Mark mark(long hash, long digest, long forgetAtSecond, long nowSecond) {
        Mark known = find(hash, digest, nowSecond);
        if (known != Mark.ADDED) {
            return known;
        }
        if (size >= capacity) {
            return Mark.FULL;
        }
        long second = Math.min(Math.max(forgetAtSecond, nowSecond), nowSecond + slots - 1);
        int slot = (int) Math.floorMod(second, (long) slots);
        if (slotSecond[slot] != second) {
            size -= sets[slot].size();
            sets[slot].clear();
            slotSecond[slot] = second;
        }
        sets[slot].putIfAbsent(hash == 0 ? 1 : hash, digest);
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
