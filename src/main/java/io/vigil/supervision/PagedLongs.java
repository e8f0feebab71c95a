package io.vigil.supervision;

import java.util.Arrays;

/**
 * A growable {@code long} array made of 128 KiB pages (16,384 elements). Growing adds pages
 * instead of copying, and no page is large enough to be a G1 humongous object, so ten million
 * sites need neither one contiguous 80 MB block nor twice that while a plain array is copied.
 */
final class PagedLongs {

    private static final int PAGE_SHIFT = 14;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private final long initialValue;
    private long[][] pages = new long[0][];

    /** @param initialValue the value every element has before it is first set */
    PagedLongs(long initialValue) {
        this.initialValue = initialValue;
    }

    long get(int index) {
        return pages[index >>> PAGE_SHIFT][index & PAGE_MASK];
    }

    void set(int index, long value) {
        pages[index >>> PAGE_SHIFT][index & PAGE_MASK] = value;
    }

    void ensureCapacity(int length) {
        int needed = (int) (((long) length + PAGE_MASK) >>> PAGE_SHIFT);
        if (needed <= pages.length) {
            return;
        }
        long[][] grown = Arrays.copyOf(pages, needed);
        for (int p = pages.length; p < needed; p++) {
            long[] page = new long[PAGE_SIZE];
            if (initialValue != 0) {
                Arrays.fill(page, initialValue);
            }
            grown[p] = page;
        }
        pages = grown;
    }
}
