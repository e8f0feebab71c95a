package io.vigil.trust.replay;

import java.util.Arrays;

/**
 * An open-addressing map from non-zero longs to longs (linear probing, at most half full, keys and
 * values in one array side by side). Not thread-safe.
 */
final class LongLongHashMap {

    private static final int INITIAL_CAPACITY = 1024;

    /** Absent key: {@link #get} answers this (callers store only non-zero values or do not care). */
    static final long NONE = 0;

    private long[] table = new long[2 * INITIAL_CAPACITY];
    private int size;

    /** Puts {@code key} (non-zero) with {@code value} unless it is there; false when it was there already. */
    boolean putIfAbsent(long key, long value) {
        if (size * 2 >= capacity()) {
            grow();
        }
        int mask = capacity() - 1;
        int i = spread(key) & mask;
        while (true) {
            long slot = table[2 * i];
            if (slot == 0) {
                table[2 * i] = key;
                table[2 * i + 1] = value;
                size++;
                return true;
            }
            if (slot == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    boolean containsKey(long key) {
        return indexOf(key) >= 0;
    }

    /** The value of {@code key}, {@link #NONE} when absent. */
    long get(long key) {
        int i = indexOf(key);
        return i < 0 ? NONE : table[2 * i + 1];
    }

    int size() {
        return size;
    }

    /** Empties the map; a table grown by a burst shrinks back so an idle ring does not hold the burst's memory. */
    void clear() {
        if (capacity() > 4 * INITIAL_CAPACITY && size * 8 < capacity()) {
            table = new long[2 * Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, size * 4)))];
        } else {
            Arrays.fill(table, 0);
        }
        size = 0;
    }

    private int indexOf(long key) {
        int mask = capacity() - 1;
        int i = spread(key) & mask;
        while (true) {
            long slot = table[2 * i];
            if (slot == 0) {
                return -1;
            }
            if (slot == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private int capacity() {
        return table.length / 2;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                putIfAbsent(old[i], old[i + 1]);
            }
        }
    }

    private static int spread(long key) {
        long h = key * 0x9e3779b97f4a7c15L;
        return (int) (h ^ (h >>> 32));
    }
}
