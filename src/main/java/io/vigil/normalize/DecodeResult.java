package io.vigil.normalize;

import java.util.List;

/** What a format decoder returns: drafts to assemble, or a stable reason why not. */
public sealed interface DecodeResult permits DecodeResult.Drafts, DecodeResult.Failed {

    record Drafts(List<EventDraft> drafts) implements DecodeResult {
        public Drafts {
            drafts = List.copyOf(drafts);
        }
    }

    record Failed(String reasonCode, String detail) implements DecodeResult {}

    static DecodeResult of(List<EventDraft> drafts) {
        return new Drafts(drafts);
    }

    static DecodeResult failed(String reasonCode, String detail) {
        return new Failed(reasonCode, detail);
    }

    static DecodeResult failed(MalformedSignalException e) {
        return new Failed(e.reasonCode(), e.getMessage());
    }
}
