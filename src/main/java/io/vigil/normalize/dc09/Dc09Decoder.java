package io.vigil.normalize.dc09;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.DecodeResult;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.MediaType;
import io.vigil.normalize.SafeText;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.SignalDecoder;
import io.vigil.normalize.SourceFormat;
import io.vigil.normalize.cid.ContactIdDecoder;
import io.vigil.normalize.sia.SiaDcsDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code application/vnd.vigil.dc09}: one unencrypted SIA DC-09 frame per body. NULL frames become
 * heartbeats; SIA-DCS and ADM-CID data go through the SIA and Contact ID decoders.
 */
public final class Dc09Decoder implements SignalDecoder {

    @Override
    public DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body) {
        return decodeText(new String(body, StandardCharsets.ISO_8859_1));
    }

    public static DecodeResult decodeText(String text) {
        Dc09Frame frame;
        try {
            frame = Dc09FrameParser.parse(text);
        } catch (MalformedSignalException e) {
            return DecodeResult.failed(e);
        }
        DecodeResult inner = switch (frame.protocol()) {
            case "SIA-DCS" -> SiaDcsDecoder.decodeText(frame.data(), SourceFormat.DC09);
            case "ADM-CID" -> ContactIdDecoder.decodeText(frame.data(), SourceFormat.DC09);
            default -> DecodeResult.of(List.of(new EventDraft(SourceFormat.DC09, EventClass.HEARTBEAT,
                    EventCategory.SUPERVISION, 5, "DC-09 link test (NULL)")));
        };
        if (inner instanceof DecodeResult.Drafts drafts) {
            CanonicalEvent.Dc09Data transport = new CanonicalEvent.Dc09Data(frame.protocol(), frame.sequence(),
                    frame.receiver(), frame.prefix(), frame.extended().isEmpty() ? null : frame.extended());
            for (EventDraft draft : drafts.drafts()) {
                if (draft.account() != null && frame.account() != null
                        && !draft.account().equalsIgnoreCase(frame.account())) {
                    return DecodeResult.failed("dc09.account_mismatch", "frame account " + SafeText.quote(frame.account(), 20)
                            + " differs from data account " + SafeText.quote(draft.account(), 20));
                }
                if (draft.account() == null) {
                    draft.account(frame.account());
                }
                draft.occurredAt(frame.timestamp()).dc09(transport);
            }
        }
        return inner;
    }
}
