package io.vigil.supervision;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Site ids stored as ASCII bytes, each behind a one-byte length, in 64 KiB pages. An entry never
 * straddles two pages, so it is always read from one array. Ten million 12-character ids take
 * 130 MB here, against roughly 560 MB as {@link String} objects.
 */
final class IdArena {

    private static final int PAGE_SHIFT = 16;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private byte[][] pages = new byte[0][];
    private int end;

    /** Appends an id that {@link SiteIds#isValid} accepted and returns its offset. */
    int append(String id) {
        int length = id.length();
        int offset = end;
        if ((offset & PAGE_MASK) + 1 + length > PAGE_SIZE) {
            offset = (offset | PAGE_MASK) + 1;
        }
        if ((long) offset + 1 + length > Integer.MAX_VALUE) {
            throw new IllegalStateException("the site id arena is full (2 GiB)");
        }
        int page = offset >>> PAGE_SHIFT;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, page + 1);
            pages[page] = new byte[PAGE_SIZE];
        }
        end = offset + 1 + length;
        write(offset, id);
        return offset;
    }

    /** Replaces the id at {@code offset} by one of the same length. */
    void overwrite(int offset, String id) {
        if (length(offset) != id.length()) {
            throw new IllegalArgumentException("an id can only be overwritten by one of the same length");
        }
        write(offset, id);
    }

    int length(int offset) {
        return pages[offset >>> PAGE_SHIFT][offset & PAGE_MASK];
    }

    boolean matches(int offset, String id) {
        byte[] page = pages[offset >>> PAGE_SHIFT];
        int at = offset & PAGE_MASK;
        int length = page[at];
        if (length != id.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (page[at + 1 + i] != id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    String read(int offset) {
        byte[] page = pages[offset >>> PAGE_SHIFT];
        int at = offset & PAGE_MASK;
        return new String(page, at + 1, page[at], StandardCharsets.US_ASCII);
    }

    /** Copies the id's bytes to {@code target} and returns how many there are. */
    int copy(int offset, byte[] target) {
        byte[] page = pages[offset >>> PAGE_SHIFT];
        int at = offset & PAGE_MASK;
        int length = page[at];
        System.arraycopy(page, at + 1, target, 0, length);
        return length;
    }

    private void write(int offset, String id) {
        byte[] page = pages[offset >>> PAGE_SHIFT];
        int at = offset & PAGE_MASK;
        page[at] = (byte) id.length();
        for (int i = 0; i < id.length(); i++) {
            page[at + 1 + i] = (byte) id.charAt(i);
        }
    }
}
