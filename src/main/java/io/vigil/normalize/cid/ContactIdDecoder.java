package io.vigil.normalize.cid;

import io.vigil.normalize.DecodeResult;
import io.vigil.normalize.EventDraft;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.MediaType;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.SignalDecoder;
import io.vigil.normalize.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code application/vnd.vigil.cid}: one Contact ID report per body. */
public final class ContactIdDecoder implements SignalDecoder {

    @Override
    public DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body) {
        return decodeText(new String(body, StandardCharsets.ISO_8859_1), SourceFormat.CID);
    }

    /** Decodes Contact ID text; also used for the data block of DC-09 ADM-CID frames. */
    public static DecodeResult decodeText(String text, SourceFormat format) {
        try {
            ContactIdMessage message = ContactIdParser.parse(text);
            EventDraft draft = ContactIdClassifier.classify(message, format).decoding("cid.form", message.form());
            ContactIdMessage.Checksum checksum = message.checksum();
            if (checksum != null) {
                draft.decoding("cid.checksum", checksum.kind());
                switch (checksum.status()) {
                    case MISMATCH -> draft.flag("cid.checksum_mismatch");
                    case UNVERIFIED -> draft.flag("cid.checksum_unverified");
                    case MATCH -> { }
                }
            }
            return DecodeResult.of(List.of(draft));
        } catch (MalformedSignalException e) {
            return DecodeResult.failed(e);
        }
    }
}
