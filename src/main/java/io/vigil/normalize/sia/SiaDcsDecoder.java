package io.vigil.normalize.sia;

import io.vigil.normalize.DecodeResult;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.MediaType;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.SignalDecoder;
import io.vigil.normalize.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code application/vnd.vigil.sia-dcs}: one SIA DCS block per body, one event per code in it. */
public final class SiaDcsDecoder implements SignalDecoder {

    @Override
    public DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body) {
        return decodeText(new String(body, StandardCharsets.ISO_8859_1), SourceFormat.SIA);
    }

    /** Decodes a SIA DCS block; also used for the data block of DC-09 SIA-DCS frames. */
    public static DecodeResult decodeText(String text, SourceFormat format) {
        try {
            SiaBlock block = SiaBlockParser.parse(text);
            List<EventDraft> drafts = new ArrayList<>(block.events().size());
            for (SiaBlock.SiaEventToken token : block.events()) {
                drafts.add(draft(block, token, format));
            }
            return DecodeResult.of(drafts);
        } catch (MalformedSignalException e) {
            return DecodeResult.failed(e);
        }
    }

    private static EventDraft draft(SiaBlock block, SiaBlock.SiaEventToken token, SourceFormat format) {
        SiaCode entry = SiaCodes.lookup(token.code());
        boolean known = entry != null;
        if (entry == null) {
            entry = new SiaCode(token.code(), EventClass.ALARM, Qualifier.EVENT, EventCategory.UNKNOWN, 3,
                    SiaCode.Unit.ZONE, "Unknown SIA event " + token.code());
        }
        String description = token.old() ? entry.description() + " (old event)" : entry.description();
        EventDraft draft = new EventDraft(format, entry.eventClass(), entry.category(), entry.priority(), description)
                .account(block.account())
                .code(token.code(), known)
                .qualifier(entry.qualifier())
                .area(token.area())
                .user(token.user())
                .text(token.text())
                .decoding("sia.form", block.form());
        if (block.sia3Fields()) {
            draft.decoding("sia.fields", "sia3");
        }
        if (block.functionMissing()) {
            draft.decoding("sia.function", "missing");
        }
        if (token.address() != null) {
            switch (entry.unit()) {
                case USER -> draft.user(token.address());
                // an ri/pi modifier already names the area: the number is then kept as sent, in zone
                case AREA -> {
                    if (token.area() == null) {
                        draft.area(token.address());
                    } else {
                        draft.zone(token.address());
                    }
                }
                case ZONE, NONE -> draft.zone(token.address());
            }
        }
        return draft;
    }
}
