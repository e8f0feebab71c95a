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
 * {@code application/vnd.vigil.dc09}: one unencrypted SIA DC-09 frame per body (or the heartbeat an
 * Osborne-Hoffman receiver relays). NULL frames become heartbeats; SIA-DCS and ADM-CID data go through
 * the SIA and Contact ID decoders.
 */
public final class Dc09Decoder implements SignalDecoder {

    @Override
    public DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body) {
        return decodeText(new String(body, StandardCharsets.ISO_8859_1));
    }

    public static DecodeResult decodeText(String text) {
        try {
            if (OsborneHoffmanHeartbeat.looksLikeOne(text)) {
                OsborneHoffmanHeartbeat heartbeat = OsborneHoffmanHeartbeat.parse(text);
                return DecodeResult.of(List.of(new EventDraft(SourceFormat.DC09, EventClass.HEARTBEAT,
                        EventCategory.SUPERVISION, 5, "Heartbeat relayed by an Osborne-Hoffman receiver")
                        .account(heartbeat.account()).decoding("dc09.form", "oh-heartbeat")));
            }
            return decodeFrame(Dc09FrameParser.parse(text));
        } catch (MalformedSignalException e) {
            return DecodeResult.failed(e);
        }
    }

    /** The events of a checked, clear frame (also the step after a decryption). */
    public static DecodeResult decodeFrame(Dc09Frame frame) {
        DecodeResult inner = switch (frame.protocol()) {
            case "SIA-DCS" -> SiaDcsDecoder.decodeText(frame.data(), SourceFormat.DC09);
            case "ADM-CID" -> ContactIdDecoder.decodeText(frame.data(), SourceFormat.DC09);
            default -> DecodeResult.of(List.of(heartbeat()));
        };
        if (!(inner instanceof DecodeResult.Drafts drafts)) {
            return inner;
        }
        CanonicalEvent.Dc09Data transport = new CanonicalEvent.Dc09Data(frame.protocol(), frame.sequence(),
                frame.receiver(), frame.prefix(), frame.extended().isEmpty() ? null : frame.extended());
        for (EventDraft draft : drafts.drafts()) {
            String frameAccount = frame.account();
            if (draft.account() != null && frameAccount != null && !draft.account().equalsIgnoreCase(frameAccount)) {
                if (!withoutLeadingZeros(draft.account()).equalsIgnoreCase(withoutLeadingZeros(frameAccount))) {
                    return DecodeResult.failed("dc09.account_mismatch", "frame account " + SafeText.quote(frameAccount, 20)
                            + " differs from data account " + SafeText.quote(draft.account(), 20));
                }
                draft.flag("dc09.account_padding");
                draft.account(frameAccount);
            }
            if (draft.account() == null) {
                draft.account(frameAccount);
            }
            if (!frame.lengthMatches()) {
                draft.flag("dc09.length_mismatch");
            }
            draft.occurredAt(frame.timestamp()).dc09(transport)
                    .decoding("dc09.form", "frame")
                    .decoding("dc09.crc_form", frame.crcForm().wireName())
                    .decoding("dc09.prefix_form", frame.header().prefixForm());
        }
        return inner;
    }

    private static EventDraft heartbeat() {
        return new EventDraft(SourceFormat.DC09, EventClass.HEARTBEAT, EventCategory.SUPERVISION, 5,
                "DC-09 link test (NULL)");
    }

    private static String withoutLeadingZeros(String account) {
        int i = 0;
        while (i < account.length() - 1 && account.charAt(i) == '0') {
            i++;
        }
        return account.substring(i);
    }
}
