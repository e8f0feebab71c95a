package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.normalize.Undecodable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MeteredNormalizerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aReasonThatIsNotAPlainCodeNeverBecomesALabelValue() {
        String[] reason = {"cid.bad_checksum"};
        MeteredNormalizer normalizer = new MeteredNormalizer((ctx, type, body) -> new Undecodable(reason[0], "detail"), registry);

        normalizer.normalize(null, "application/vnd.vigil.cid", new byte[0]);
        reason[0] = "site-0001 says\nhello";
        normalizer.normalize(null, "application/vnd.vigil.cid", new byte[0]);

        assertThat(registry.get("vigil.normalize.undecodable").tag("reason", "cid.bad_checksum").counter().count()).isEqualTo(1);
        assertThat(registry.get("vigil.normalize.undecodable").tag("reason", "other").counter().count()).isEqualTo(1);
    }

    @Test
    void reasonCodesAreCappedSoThatNoSourceCanGrowTheSeriesWithoutBound() {
        int[] n = {0};
        MeteredNormalizer normalizer = new MeteredNormalizer((ctx, type, body) -> new Undecodable("code." + n[0]++, "d"), registry);
        IntStream.range(0, 500).forEach(i -> normalizer.normalize(null, "x", new byte[0]));

        assertThat(registry.find("vigil.normalize.undecodable").counters()).hasSizeLessThanOrEqualTo(65);
        assertThat(registry.get("vigil.normalize.undecodable").tag("reason", "other").counter().count()).isEqualTo(500 - 64);
    }
}
