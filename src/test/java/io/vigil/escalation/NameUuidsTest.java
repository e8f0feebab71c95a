package io.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Incident, change and supervision-signal ids are stored: the same names must give the same ids in every release. */
class NameUuidsTest {

    private static final UUID EVENT = UUID.fromString("6b5e237c-3ff5-5d0d-8e6a-2ed0c494d9fb");

    @Test
    void idsArePinned() {
        assertThat(NameUuids.of("supervision-missed", "site-1", "1767225600000"))
                .hasToString("fb9f49cf-04b9-56b4-b88d-3a2c46ad8535");
        assertThat(NameUuids.incident("site-1", "burglary", EVENT)).hasToString("2cd91b71-1c72-5ee3-8648-008d6ac8c46c");
        assertThat(NameUuids.change(EVENT, 3)).hasToString("8d26f2c0-390e-5b3b-9676-c479c3d35fbe");
        assertThat(NameUuids.of()).hasToString("da3f204b-0e72-5435-8967-a154f0028ba7");
        assertThat(NameUuids.of("zone Ä \uD83D\uDEA8")).hasToString("8a99634f-4b01-547c-bb94-35983d97d81b");
    }

    @Test
    void partsAreLengthPrefixed() {
        assertThat(NameUuids.of("ab", "c")).isNotEqualTo(NameUuids.of("a", "bc"));
        assertThat(NameUuids.of("x").version()).isEqualTo(5);
    }
}
