package io.vigil.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"site-0000001", "a", "A.b_c-9", "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsIdsOfTheSiteAlphabet(String id) {
        assertThat(SiteIds.isValid(id)).isTrue();
        assertThat(SiteIds.requireValid(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-site", ".site", "_site", "site 1", "site/1", "site#", "site+1", "sité", "site\n1",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void rejectsEverythingElse(String id) {
        assertThat(SiteIds.isValid(id)).isFalse();
        assertThatThrownBy(() -> SiteIds.requireValid(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNullAndNeverEchoesTheRejectedText() {
        assertThat(SiteIds.isValid(null)).isFalse();
        assertThatThrownBy(() -> SiteIds.requireValid("evil\u001b[31m"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("evil").contains("9 characters");
    }
}
