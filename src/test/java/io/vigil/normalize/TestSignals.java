package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.normalize.sensor.InMemoryThresholdStateStore;
import io.vigil.normalize.sensor.SensorConfig;
import io.vigil.normalize.vendor.VendorMappings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Fixed contexts and one-call decoding for tests. */
public final class TestSignals {
    public static final Instant ISSUED_AT = Instant.parse("2025-03-01T10:00:00Z");
    public static final Instant RECEIVED_AT = Instant.parse("2025-03-01T10:00:01Z");
    /** The shipped sample mappings (tests run from the project root). */
    public static final VendorMappings MAPPINGS = VendorMappings.loadDirectory(VendorMappings.DEFAULT_DIRECTORY);

    private TestSignals() {}

    public static SignalContext ctx() {
        return ctx("site-1", "panel-1", "msg-1");
    }

    public static SignalContext ctx(String site, String device, String messageId) {
        return new SignalContext(site, device, messageId, "key-1", ISSUED_AT, RECEIVED_AT);
    }

    /** A normaliser with default thresholds and its own (fresh) threshold state. */
    public static DefaultNormalizer normalizer() {
        return new DefaultNormalizer(MAPPINGS, SensorConfig.defaults(), new InMemoryThresholdStateStore());
    }

    public static NormalizeResult normalize(String contentType, String body) {
        return normalizer().normalize(ctx(), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The events of a signal that must decode. */
    public static List<CanonicalEvent> events(String contentType, String body) {
        NormalizeResult result = normalize(contentType, body);
        assertThat(result).as("result for %s", body).isInstanceOf(Decoded.class);
        return ((Decoded) result).events();
    }

    public static CanonicalEvent single(String contentType, String body) {
        List<CanonicalEvent> events = events(contentType, body);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** The reason code of a signal that must not decode. */
    public static String reason(String contentType, String body) {
        NormalizeResult result = normalize(contentType, body);
        assertThat(result).as("result for %s", body).isInstanceOf(Undecodable.class);
        return ((Undecodable) result).reasonCode();
    }
}
