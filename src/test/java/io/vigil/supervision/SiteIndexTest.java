package io.vigil.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SiteIndexTest {

    @Test
    void findsWhatWasAddedAcrossTableGrowth() {
        SiteIndex index = new SiteIndex(0);
        for (int i = 0; i < 50_000; i++) {
            assertThat(index.add(id(i))).isEqualTo(i);
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(index.find(id(i))).isEqualTo(i);
            assertThat(index.id(i)).isEqualTo(id(i));
        }
        assertThat(index.find("site-9999999")).isEqualTo(SiteIndex.NOT_FOUND);
        assertThat(index.size()).isEqualTo(50_000);
    }

    @Test
    void reusesSlotsAndTheirIdBytesAfterRemoval() {
        SiteIndex index = new SiteIndex(16);
        int first = index.add("site-0000001");
        index.add("site-0000002");
        index.remove(first);

        assertThat(index.find("site-0000001")).isEqualTo(SiteIndex.NOT_FOUND);
        assertThat(index.add("site-0000003")).isEqualTo(first);
        assertThat(index.id(first)).isEqualTo("site-0000003");
        assertThat(index.unusedIdBytes()).isZero();
        assertThat(index.slotLimit()).isEqualTo(2);

        index.remove(first);
        index.add("a-longer-site-id");
        assertThat(index.unusedIdBytes()).isEqualTo(1 + "site-0000003".length());
    }

    /** Adds and removes drawn from a small pool of ids, so probe runs are broken and mended often. */
    @Property(tries = 200)
    void behavesLikeAMap(@ForAll("operations") List<Integer> operations) {
        SiteIndex index = new SiteIndex(0);
        Map<String, Integer> model = new HashMap<>();
        for (int operation : operations) {
            String id = id(Math.abs(operation) % 3000);
            Integer slot = model.get(id);
            if (operation >= 0 && slot == null) {
                model.put(id, index.add(id));
            } else if (operation < 0 && slot != null) {
                index.remove(slot);
                model.remove(id);
            }
        }
        assertThat(index.size()).isEqualTo(model.size());
        model.forEach((id, slot) -> assertThat(index.find(id)).isEqualTo(slot));
        for (int i = 0; i < 3000; i++) {
            if (!model.containsKey(id(i))) {
                assertThat(index.find(id(i))).isEqualTo(SiteIndex.NOT_FOUND);
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(-3000, 3000).list().ofMinSize(0).ofMaxSize(4000);
    }

    private static String id(int i) {
        return String.format("site-%07d", i);
    }
}
