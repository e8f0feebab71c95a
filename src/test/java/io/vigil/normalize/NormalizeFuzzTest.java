package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.normalize.cid.ContactIdDecoder;
import io.vigil.normalize.dc09.Dc09Decoder;
import io.vigil.normalize.owntracks.OwnTracksDecoder;
import io.vigil.normalize.sensor.InMemoryThresholdStateStore;
import io.vigil.normalize.sensor.SensorConfig;
import io.vigil.normalize.sensor.SensorDecoder;
import io.vigil.normalize.sia.SiaDcsDecoder;
import io.vigil.normalize.vendor.VendorJsonDecoder;

/**
 * Every input must end as drafts or a failure with a reason code, never as an exception, and every
 * event produced must satisfy the canonical event schema. In a normal test run these replay the
 * corpus under src/test/resources/io/vigil/normalize/NormalizeFuzzTestInputs/ (seeded with the public
 * corpus of src/test/resources/corpus/, files named public-*); run one with
 * JAZZER_FUZZ=1 mvn test -Dtest=NormalizeFuzzTest#fuzzDc09 to fuzz it.
 */
class NormalizeFuzzTest {
    private static final SignalContext CTX = TestSignals.ctx();
    private static final MediaType NO_PARAMETERS = MediaType.parse("application/x-fuzz").orElseThrow();
    private static final MediaType ACME = MediaType.parse(ContentTypes.VENDOR_JSON + "; mapping=acme-panel-v1").orElseThrow();
    private static final SensorDecoder SENSOR = new SensorDecoder(SensorConfig.defaults(), new InMemoryThresholdStateStore());
    private static final DefaultNormalizer NORMALIZER = TestSignals.normalizer();
    private static final String[] DC09_IDS = {"\"SIA-DCS\"", "\"ADM-CID\"", "\"NULL\"", ""};
    private static final String[] CONTENT_TYPES = {
        ContentTypes.CONTACT_ID, ContentTypes.SIA_DCS, ContentTypes.DC09, ContentTypes.VENDOR_JSON + "; mapping=acme-panel-v1",
        ContentTypes.SENSOR_JSON, ContentTypes.OWNTRACKS_JSON, ContentTypes.HEARTBEAT, "APPLICATION/VND.VIGIL.CID; x=\"y\""
    };

    @FuzzTest(maxDuration = "2m")
    void fuzzContactId(byte[] body) {
        check(new ContactIdDecoder().decode(CTX, NO_PARAMETERS, body));
    }

    @FuzzTest(maxDuration = "2m")
    void fuzzSiaDcs(byte[] body) {
        check(new SiaDcsDecoder().decode(CTX, NO_PARAMETERS, body));
    }

    @FuzzTest(maxDuration = "2m")
    void fuzzDc09(byte[] body) {
        check(new Dc09Decoder().decode(CTX, NO_PARAMETERS, body));
    }

    /** Frames the fuzzed message with its own CRC and length, so the fuzzer reaches the frame and data parsers. */
    @FuzzTest(maxDuration = "2m")
    void fuzzDc09Framed(FuzzedDataProvider data) {
        String message = data.pickValue(DC09_IDS) + data.consumeRemainingAsAsciiString();
        String frame = String.format(java.util.Locale.ROOT, "%04X0%03X", io.vigil.normalize.dc09.Crc16Arc.of(message),
                message.length() & 0xFFF) + message;
        check(new Dc09Decoder().decode(CTX, NO_PARAMETERS, frame.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    /**
     * Frames the fuzzed message with a binary (2-byte) CRC and its length, with or without LF/CR/NUL
     * framing, so the fuzzer reaches the binary-CRC path and the framing rules (docs/events.md, "SIA DC-09").
     */
    @FuzzTest(maxDuration = "2m")
    void fuzzDc09BinaryCrc(byte[] message) {
        String text = new String(message, java.nio.charset.StandardCharsets.ISO_8859_1);
        int crc = io.vigil.normalize.dc09.Crc16Arc.of(text);
        String frame = "" + (char) (crc >> 8) + (char) (crc & 0xFF)
                + String.format(java.util.Locale.ROOT, "0%03X", text.length() & 0xFFF) + text;
        String framed = (message.length % 2 == 0 ? "\n" : "") + frame + (message.length % 3 == 0 ? "\r\u0000" : "");
        check(new Dc09Decoder().decode(CTX, NO_PARAMETERS, framed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    @FuzzTest(maxDuration = "2m")
    void fuzzVendorJson(byte[] body) {
        check(new VendorJsonDecoder(TestSignals.MAPPINGS).decode(CTX, ACME, body));
    }

    @FuzzTest(maxDuration = "2m")
    void fuzzSensor(byte[] body) {
        check(SENSOR.decode(CTX, NO_PARAMETERS, body));
    }

    @FuzzTest(maxDuration = "2m")
    void fuzzOwnTracks(byte[] body) {
        check(new OwnTracksDecoder().decode(CTX, NO_PARAMETERS, body));
    }

    @FuzzTest(maxDuration = "2m")
    void fuzzDefaultNormalizer(FuzzedDataProvider data) {
        String contentType = data.consumeBoolean()
                ? data.pickValue(CONTENT_TYPES) : data.consumeString(80);
        NormalizeResult result = NORMALIZER.normalize(CTX, contentType, data.consumeRemainingAsBytes());
        assertThat(result).isNotNull();
        if (result instanceof Undecodable undecodable) {
            assertThat(undecodable.reasonCode()).isNotEqualTo(DefaultNormalizer.INTERNAL_ERROR);
            assertNoControlCharacters(undecodable.detail());
        } else {
            ((Decoded) result).events().forEach(NormalizeFuzzTest::checkEvent);
        }
    }

    private static void check(DecodeResult result) {
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Failed failed) {
            assertThat(failed.reasonCode()).isNotBlank();
            assertNoControlCharacters(new Undecodable(failed.reasonCode(), failed.detail()).detail());
        } else {
            EventAssembler.assemble(CTX, ((DecodeResult.Drafts) result).drafts()).forEach(NormalizeFuzzTest::checkEvent);
        }
    }

    private static void checkEvent(CanonicalEvent event) {
        assertThat(CanonicalEventSchema.violations(event)).as("schema violations of %s", event).isEmpty();
        CloudEventHeaders.of(event).values().forEach(NormalizeFuzzTest::assertNoControlCharacters);
        EventTopics.defaults().route(event).forEach(routed -> {
            if (!routed.topic().equals(TopicNames.defaults().locationPrecise()) && routed.event().location() != null) {
                assertThat(routed.event().location().precise()).isFalse();
            }
        });
    }

    private static void assertNoControlCharacters(String text) {
        assertThat(text.chars().noneMatch(c -> c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)))
                .as("no control characters in %s", text).isTrue();
    }
}
