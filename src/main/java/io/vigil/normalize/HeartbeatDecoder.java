package io.vigil.normalize;

import java.util.List;

/**
 * {@code application/vnd.vigil.heartbeat}: supervision for devices that do not speak DC-09. The body
 * may be empty or small; its content is not interpreted.
 */
public final class HeartbeatDecoder implements SignalDecoder {
    public static final int MAX_BODY = 1024;

    @Override
    public DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body) {
        if (body.length > MAX_BODY) {
            return DecodeResult.failed("heartbeat.too_large", "heartbeat body larger than " + MAX_BODY + " bytes");
        }
        return DecodeResult.of(List.of(
                new EventDraft(SourceFormat.HEARTBEAT, EventClass.HEARTBEAT, EventCategory.SUPERVISION, 5, "Heartbeat")));
    }
}
