package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

    @Test
    void parsesEssenceAndParameters() {
        MediaType type = MediaType.parse("Application/Vnd.Vigil.Vendor+JSON; Mapping=acme-panel-v1;q=\"a;b\\\"c\"").orElseThrow();

        assertThat(type.essence()).isEqualTo("application/vnd.vigil.vendor+json");
        assertThat(type.parameters()).isEqualTo(Map.of("mapping", "acme-panel-v1", "q", "a;b\"c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text", "text/", "/plain", "a/b/c", "te xt/plain", "text/plain; x", "text/plain; =1",
        "text/plain; x=\"open", "text/plain; x=a b"})
    void rejectsWhatIsNotAMediaType(String text) {
        assertThat(MediaType.parse(text)).isEmpty();
    }
}
