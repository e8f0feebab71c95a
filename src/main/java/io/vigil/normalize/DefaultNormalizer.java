package io.vigil.normalize;

import io.vigil.normalize.cid.ContactIdDecoder;
import io.vigil.normalize.dc09.Dc09Decoder;
import io.vigil.normalize.owntracks.OwnTracksDecoder;
import io.vigil.normalize.sensor.InMemoryThresholdStateStore;
import io.vigil.normalize.sensor.SensorConfig;
import io.vigil.normalize.sensor.SensorDecoder;
import io.vigil.normalize.sensor.ThresholdStateStore;
import io.vigil.normalize.sia.SiaDcsDecoder;
import io.vigil.normalize.vendor.VendorJsonDecoder;
import io.vigil.normalize.vendor.VendorMappings;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches on the envelope content type to the decoder for that format. Thread-safe. */
public final class DefaultNormalizer implements Normalizer {
    /** Bodies larger than this are refused before any parsing. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Reason for a decoder that threw: a bug, never expected; the fuzz tests assert it never happens. */
    public static final String INTERNAL_ERROR = "internal.decoder_failure";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultNormalizer.class);

    private final Map<String, SignalDecoder> decoders;

    public DefaultNormalizer(VendorMappings vendorMappings, SensorConfig sensorConfig, ThresholdStateStore stateStore) {
        this.decoders = Map.of(
                ContentTypes.CONTACT_ID, new ContactIdDecoder(),
                ContentTypes.SIA_DCS, new SiaDcsDecoder(),
                ContentTypes.DC09, new Dc09Decoder(),
                ContentTypes.VENDOR_JSON, new VendorJsonDecoder(vendorMappings),
                ContentTypes.SENSOR_JSON, new SensorDecoder(sensorConfig, stateStore),
                ContentTypes.OWNTRACKS_JSON, new OwnTracksDecoder(),
                ContentTypes.HEARTBEAT, new HeartbeatDecoder());
    }

    /** Default sensor thresholds, in-memory threshold state, the given vendor mappings. */
    public static DefaultNormalizer withDefaults(VendorMappings vendorMappings) {
        return new DefaultNormalizer(vendorMappings, SensorConfig.defaults(), new InMemoryThresholdStateStore());
    }

    @Override
    public NormalizeResult normalize(SignalContext ctx, String contentType, byte[] body) {
        if (contentType == null || contentType.isBlank()) {
            return new Undecodable("content_type.missing", "the envelope has no content type");
        }
        MediaType mediaType = MediaType.parse(contentType).orElse(null);
        if (mediaType == null) {
            return new Undecodable("content_type.invalid", "not a media type: " + SafeText.quote(contentType, 80));
        }
        SignalDecoder decoder = decoders.get(mediaType.essence());
        if (decoder == null) {
            return new Undecodable("content_type.unsupported", "no decoder for " + SafeText.quote(mediaType.essence(), 80));
        }
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > MAX_BODY_BYTES) {
            return new Undecodable("body.too_large", "body of " + bytes.length + " bytes exceeds " + MAX_BODY_BYTES);
        }
        DecodeResult result;
        try {
            result = decoder.decode(ctx, mediaType, bytes);
        } catch (RuntimeException e) {
            LOG.error("decoder for {} failed on message {} of site {}", mediaType.essence(),
                    SafeText.escape(ctx.messageId(), 128), SafeText.escape(ctx.siteId(), 128), e);
            return new Undecodable(INTERNAL_ERROR, "decoder failed: " + e.getClass().getSimpleName());
        }
        if (result instanceof DecodeResult.Drafts drafts) {
            return new Decoded(EventAssembler.assemble(ctx, drafts.drafts()));
        }
        DecodeResult.Failed failed = (DecodeResult.Failed) result;
        return new Undecodable(failed.reasonCode(), failed.detail());
    }
}
