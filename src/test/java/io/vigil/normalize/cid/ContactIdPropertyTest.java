package io.vigil.normalize.cid;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.DecodeResult;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.SourceFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ContactIdPropertyTest {

    /** Qualifier 1 never ends a condition, 3 never starts one, 6 is always a status. */
    @Property
    void qualifierDecidesTheDirection(@ForAll("codes") String code, @ForAll("qualifiers") char qualifier,
                                      @ForAll @IntRange(max = 99) int group, @ForAll @IntRange(max = 999) int zone) {
        String report = String.format("1234 18 %c%s %02d %03d", qualifier, code, group, zone);

        DecodeResult result = ContactIdDecoder.decodeText(report, SourceFormat.CID);

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Drafts.class, drafts -> {
            EventDraft draft = drafts.drafts().get(0);
            EventClass eventClass = draft.eventClass();
            switch (qualifier) {
                case '1' -> assertThat(eventClass).isNotIn(EventClass.RESTORE, EventClass.CLOSE);
                case '3' -> assertThat(eventClass).isNotIn(EventClass.ALARM, EventClass.TROUBLE, EventClass.SUPERVISORY,
                        EventClass.SECURITY, EventClass.OPEN);
                default -> assertThat(eventClass).isEqualTo(EventClass.STATUS);
            }
            assertThat(draft.code()).isEqualTo(code);
        });
    }

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.oneOf(Arbitraries.of(List.copyOf(ContactIdCodes.codes())),
                Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(3));
    }

    @Provide
    Arbitrary<Character> qualifiers() {
        return Arbitraries.of('1', '3', '6');
    }
}
