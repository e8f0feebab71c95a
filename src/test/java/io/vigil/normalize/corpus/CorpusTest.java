package io.vigil.normalize.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.NormalizeResult;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every line of the public corpus decodes as its source states, and records the forms and flags
 * Vigil names for it (docs/events.md). One container per line, named after its source.
 */
class CorpusTest {

    @TestFactory
    Stream<DynamicContainer> contactId() {
        return lines("cid");
    }

    @TestFactory
    Stream<DynamicContainer> siaDcs() {
        return lines("sia");
    }

    @TestFactory
    Stream<DynamicContainer> dc09() {
        return lines("dc09");
    }

    @TestFactory
    Stream<DynamicContainer> ownTracks() {
        return lines("owntracks");
    }

    private static Stream<DynamicContainer> lines(String format) {
        return Corpus.lines(format).stream().map(line -> DynamicContainer.dynamicContainer(line.name(), Stream.of(
                DynamicTest.dynamicTest(line.vigilReason() == null ? "decodes as the source states"
                        : "refused on purpose (" + line.vigilReason() + "), see docs/events.md", () -> {
                    NormalizeResult result = Corpus.decode(format, line);
                    if (line.vigilReason() == null) {
                        Optional<String> difference = Corpus.differenceFromStated(line, result);
                        assertThat(difference).as("differs from the source").isEmpty();
                    }
                }),
                DynamicTest.dynamicTest("records Vigil's forms and flags", () -> {
                    Optional<String> difference = Corpus.differenceFromVigil(line, Corpus.decode(format, line));
                    assertThat(difference).as("differs from Vigil's expectations").isEmpty();
                }))));
    }
}
