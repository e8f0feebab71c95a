package io.vigil.supervision;

/**
 * Maps site ids to dense int slots without an object per site: an open-addressing table with
 * linear probing over paged int arrays, the ids themselves in an {@link IdArena}. Slots of removed
 * sites are reused, so per-slot arrays elsewhere stay as long as the peak number of sites.
 * Not thread-safe; the engine's lock guards it.
 */
final class SiteIndex {

    static final int NOT_FOUND = -1;

    private static final int EMPTY = 0;
    private static final int MIN_CAPACITY = 1 << 10;

    private final IdArena ids = new IdArena();
    private final PagedInts idOffsets = new PagedInts(0);
    private final PagedInts hashes = new PagedInts(0);
    private final PagedInts freeSlots = new PagedInts(0);
    private int freeCount;
    private int slotLimit;
    private int size;
    private long unusedIdBytes;

    /** Table cells hold slot + 1, so that 0 means empty. */
    private PagedInts table;
    private int mask;

    SiteIndex(int expectedSites) {
        allocateTable(capacityFor(expectedSites));
    }

    int find(String id) {
        int hash = hash(id);
        for (int cell = hash & mask; ; cell = (cell + 1) & mask) {
            int entry = table.get(cell);
            if (entry == EMPTY) {
                return NOT_FOUND;
            }
            int slot = entry - 1;
            if (hashes.get(slot) == hash && ids.matches(idOffsets.get(slot), id)) {
                return slot;
            }
        }
    }

    /** Adds an id that is not in the index yet and returns its slot. */
    int add(String id) {
        if ((long) (size + 1) * 4 > (long) (mask + 1) * 3) {
            allocateTable((mask + 1) * 2);
        }
        int slot = takeSlot(id);
        int hash = hash(id);
        hashes.set(slot, hash);
        insert(slot, hash);
        size++;
        return slot;
    }

    void remove(int slot) {
        int cell = hashes.get(slot) & mask;
        while (table.get(cell) != slot + 1) {
            cell = (cell + 1) & mask;
        }
        closeGap(cell);
        freeSlots.ensureCapacity(freeCount + 1);
        freeSlots.set(freeCount++, slot);
        size--;
    }

    String id(int slot) {
        return ids.read(idOffsets.get(slot));
    }

    int copyId(int slot, byte[] target) {
        return ids.copy(idOffsets.get(slot), target);
    }

    int size() {
        return size;
    }

    /** Every slot ever handed out is below this limit; per-slot arrays need this many elements. */
    int slotLimit() {
        return slotLimit;
    }

    /** Arena bytes left behind by removed sites whose slot went to an id of another length. */
    long unusedIdBytes() {
        return unusedIdBytes;
    }

    private int takeSlot(String id) {
        if (freeCount > 0) {
            int slot = freeSlots.get(--freeCount);
            int offset = idOffsets.get(slot);
            if (ids.length(offset) == id.length()) {
                ids.overwrite(offset, id);
            } else {
                unusedIdBytes += 1 + ids.length(offset);
                idOffsets.set(slot, ids.append(id));
            }
            return slot;
        }
        int slot = slotLimit++;
        idOffsets.ensureCapacity(slotLimit);
        hashes.ensureCapacity(slotLimit);
        idOffsets.set(slot, ids.append(id));
        return slot;
    }

    private void insert(int slot, int hash) {
        int cell = hash & mask;
        while (table.get(cell) != EMPTY) {
            cell = (cell + 1) & mask;
        }
        table.set(cell, slot + 1);
    }

    /** Backward-shift deletion: later entries of the probe run move up, so no tombstones are needed. */
    private void closeGap(int gap) {
        int cell = gap;
        while (true) {
            cell = (cell + 1) & mask;
            int entry = table.get(cell);
            if (entry == EMPTY) {
                break;
            }
            int home = hashes.get(entry - 1) & mask;
            boolean homeOutsideGapToCell = gap <= cell ? (home <= gap || home > cell) : (home <= gap && home > cell);
            if (homeOutsideGapToCell) {
                table.set(gap, entry);
                gap = cell;
            }
        }
        table.set(gap, EMPTY);
    }

    private void allocateTable(int capacity) {
        PagedInts old = table;
        int oldCapacity = old == null ? 0 : mask + 1;
        table = new PagedInts(EMPTY);
        table.ensureCapacity(capacity);
        mask = capacity - 1;
        for (int cell = 0; cell < oldCapacity; cell++) {
            int entry = old.get(cell);
            if (entry != EMPTY) {
                insert(entry - 1, hashes.get(entry - 1));
            }
        }
    }

    private static int capacityFor(int expectedSites) {
        long wanted = Math.max(MIN_CAPACITY, (long) expectedSites * 4 / 3 + 1);
        if (wanted > 1 << 30) {
            throw new IllegalArgumentException("too many expected sites: " + expectedSites);
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }

    /** FNV-1a over the ASCII characters, then MurmurHash3's finaliser: sequential ids spread evenly. */
    static int hash(String id) {
        int h = 0x811C9DC5;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
