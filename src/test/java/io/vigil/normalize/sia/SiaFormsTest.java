package io.vigil.normalize.sia;

import static io.vigil.normalize.TestSignals.events;
import static io.vigil.normalize.TestSignals.reason;
import static io.vigil.normalize.TestSignals.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SIA DCS forms of docs/events.md: account parts, DC-03 blocks, missing function letter, modifiers. */
class SiaFormsTest {
    private static final String SIA = ContentTypes.SIA_DCS;

    @Test
    void accountPartFormsAreNamed() {
        assertThat(single(SIA, "#1234|NBA01").decoding()).containsEntry("sia.form", "standard");
        assertThat(single(SIA, "36214|NRP").account()).isEqualTo("36214");
        assertThat(single(SIA, "36214|NRP").decoding()).containsEntry("sia.form", "bare-account");
        assertThat(single(SIA, "|Nri2/JC12").decoding()).containsEntry("sia.form", "empty-account");
        assertThat(single(SIA, "Nri1/WA000").decoding()).containsEntry("sia.form", "plain");
    }

    @Test
    void asciiBlockTextGoesToTheEventBeforeIt() {
        CanonicalEvent event = single(SIA, "#1234|NRR|Atest");
        assertThat(event.code()).isEqualTo("RR");
        assertThat(event.text()).isEqualTo("test");
        assertThat(event.decoding()).containsEntry("sia.fields", "sia3").containsEntry("sia.form", "standard");
        assertThat(single(SIA, "NRR|AStart of dialler").text()).isEqualTo("Start of dialler");
        assertThat(single(SIA, "#1234|NBA01|AT01").text()).as("after a bar, A starts text, not code AT")
                .isEqualTo("T01");
    }

    @Test
    void furtherDataBlocksAddEventsAndKeepTheirOwnFunction() {
        List<CanonicalEvent> list = events(SIA, "#1234|Nri1/BA01|Ori2/BR02");
        assertThat(list).hasSize(2);
        assertThat(list.get(1).area()).isEqualTo("2");
        assertThat(list.get(1).description()).endsWith("(old event)");
        assertThat(list.get(0).description()).doesNotEndWith("(old event)");
    }

    @Test
    void aMissingFunctionLetterIsReadAsNewEvent() {
        CanonicalEvent event = single(SIA, "#1234|ri1/BA01");
        assertThat(event.code()).isEqualTo("BA");
        assertThat(event.area()).isEqualTo("1");
        assertThat(event.decoding()).containsEntry("sia.function", "missing");
        assertThat(single(SIA, "#1234|BA01").code()).isEqualTo("BA");
        assertThat(single(SIA, "#1234|NBA01").decoding()).doesNotContainKey("sia.function");
        assertThat(reason(SIA, "#1234|NL01")).as("N is always the function letter").isEqualTo("sia.bad_block");
    }

    @Test
    void piIsThePartitionAndRiKeepsTheAreaOverAnAreaCodesNumber() {
        assertThat(single(SIA, "#0000|Npi0/AT").area()).isEqualTo("0");
        CanonicalEvent ajax = single(SIA, "#AAA|Nri3/OG501");
        assertThat(ajax.area()).isEqualTo("3");
        assertThat(ajax.zone()).isEqualTo("501");
        assertThat(single(SIA, "#AAA|NOG501").area()).as("without ri the number is the area").isEqualTo("501");
    }

    @Test
    void anAccountStartingLikeAFunctionIsNotABareAccount() {
        assertThat(single(SIA, "NRR|Atest").account()).isNull();
        assertThat(reason(SIA, "12-4|NRP")).isEqualTo("sia.bad_block");
    }
}
