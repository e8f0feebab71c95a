package io.vigil.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReservedSiteIdsTest {

    @Test
    void serviceNamesAndTheVigilPrefixAreReservedInAnyCase() {
        for (String id : new String[] {"receiver", "RECEIVER", "admin", "broker", "api", "root", "vigil", "mosquitto",
                "localhost", "vigil-receiver-1", "Vigil-anything", "vigil_x", "vigil.y"}) {
            assertThat(ReservedSiteIds.isReserved(id)).as(id).isTrue();
            assertThatThrownBy(() -> ReservedSiteIds.requireEnrollable(id)).as(id).hasMessageContaining("reserved");
        }
    }

    @Test
    void ordinarySiteIdsAreEnrollable() {
        for (String id : new String[] {"site-0001", "receivers", "vigilant-shop", "my-vigil-site", "admin2"}) {
            assertThat(ReservedSiteIds.requireEnrollable(id)).isEqualTo(id);
        }
    }

    @Test
    void wildcardsAndDollarIdsAreNotSiteIdsAtAll() {
        for (String id : new String[] {"$SYS", "+", "#", "a/b", "", " receiver"}) {
            assertThatThrownBy(() -> ReservedSiteIds.requireEnrollable(id)).as(id).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
