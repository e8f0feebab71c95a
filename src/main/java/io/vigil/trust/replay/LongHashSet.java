package io.vigil.trust.replay;

import java.util.Arrays;

/** An open-addressing set of non-zero longs (linear probing, at most half full). Not thread-safe. */
final class LongHashSet {

    private static final int INITIAL_CAPACITY = 1024;

    private long[] table = new long[INITIAL_CAPACITY];
    private int size;

    /** Adds {@code key} (non-zero); false when it was there already. */
    boolean add(long key) {
        if (size * 2 >= table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = spread(key) & mask;
        while (true) {
            long slot = table[i];
            if (slot == 0) {
                table[i] = key;
                size++;
                return true;
            }
            if (slot == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    boolean contains(long key) {
        int mask = table.length - 1;
        int i = spread(key) & mask;
        while (true) {
            long slot = table[i];
            if (slot == 0) {
                return false;
            }
            if (slot == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Empties the set; a table grown by a burst shrinks back so an idle ring does not hold the burst's memory. */
    void clear() {
        if (table.length > 4 * INITIAL_CAPACITY && size * 8 < table.length) {
            table = new long[Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, size * 4)))];
        } else {
            Arrays.fill(table, 0);
        }
        size = 0;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long key : old) {
            if (key != 0) {
                add(key);
            }
        }
    }

    private static int spread(long key) {
        long h = key * 0x9e3779b97f4a7c15L;
        return (int) (h ^ (h >>> 32));
    }
}
