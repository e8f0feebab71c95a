package io.vigil.normalize;

import java.util.ArrayList;
import java.util.List;

/** Applies the signal context to drafts: ids by position, site, device, key, message and times. */
public final class EventAssembler {
    private EventAssembler() {}

    public static List<CanonicalEvent> assemble(SignalContext ctx, List<EventDraft> drafts) {
        List<CanonicalEvent> events = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            EventDraft d = drafts.get(i);
            events.add(new CanonicalEvent(
                    CanonicalEvent.SPEC_VERSION,
                    EventIds.eventId(ctx.siteId(), ctx.messageId(), i),
                    ctx.siteId(), ctx.deviceId(), d.account, d.sourceFormat, d.eventClass, d.category,
                    d.code, d.codeKnown, d.qualifier, d.zone, d.area, d.user, d.priority, d.description, d.text,
                    d.occurredAt != null ? d.occurredAt : ctx.issuedAt(),
                    ctx.receivedAt(), ctx.keyId(), ctx.messageId(), d.sensor, d.location, d.dc09, d.decoding, d.flags,
                    ctx.assurance()));
        }
        return events;
    }
}
