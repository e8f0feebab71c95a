package io.vigil.automation.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZoneKeyTest {

    @Test
    void digitsLoseTheirLeadingZerosAndAnythingElseStaysAsSent() {
        assertThat(ZoneKey.of("012")).isEqualTo("12").isEqualTo(ZoneKey.of("12"));
        assertThat(ZoneKey.of("000")).isEqualTo("0");
        assertThat(ZoneKey.of("0A1")).isEqualTo("0A1");
        assertThat(new SiteRecord.Zone("12", null, "rear door", "entry_exit").label())
                .isEqualTo("Zone 12 - rear door, entry/exit");
    }
}
