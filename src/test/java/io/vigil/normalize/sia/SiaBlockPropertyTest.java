package io.vigil.normalize.sia;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.DecodeResult;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.SourceFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SiaBlockPropertyTest {

    record Item(String code, String zone) {}

    /** A block with N codes (known or not, with or without numbers) yields N events in order. */
    @Property
    void blockWithNCodesYieldsNEvents(@ForAll("items") List<Item> items, @ForAll boolean separated) {
        String block = "#1234|Nri3" + (separated ? "/" : "")
                + String.join(separated ? "/" : "", items.stream().map(i -> i.code() + i.zone()).toList());

        DecodeResult result = SiaDcsDecoder.decodeText(block, SourceFormat.SIA);

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Drafts.class, drafts -> {
            assertThat(drafts.drafts()).extracting(EventDraft::code)
                    .containsExactlyElementsOf(items.stream().map(Item::code).toList());
            for (EventDraft draft : drafts.drafts()) {
                assertThat(draft.code()).isNotNull();
            }
        });
    }

    @Provide
    Arbitrary<List<Item>> items() {
        Arbitrary<String> known = Arbitraries.of(List.copyOf(SiaCodes.codes()));
        Arbitrary<String> any = Arbitraries.strings().withCharRange('A', 'Z').ofLength(2);
        Arbitrary<String> zone = Arbitraries.strings().numeric().ofMaxLength(8);
        return Combinators.combine(Arbitraries.oneOf(known, any), zone).as(Item::new)
                .list().ofMinSize(1).ofMaxSize(SiaBlockParser.MAX_EVENTS);
    }
}
