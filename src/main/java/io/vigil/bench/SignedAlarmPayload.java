package io.vigil.bench;

import io.vigil.normalize.EventIds;
import io.vigil.trust.Encoding;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * vigil_incidents' message: a signed Contact ID burglary alarm (EdDSA JWS), zone from the sequence.
 * A canonical event carries no free text for a stamp, so the encoder remembers which event id each
 * stamp becomes (the id is deterministic: site, message id, index 0) and the read-back of
 * {@code incident_events} looks the stamp up by the event id it finds.
 */
public final class SignedAlarmPayload implements StampEncoder {

    static final String CONTENT_TYPE = "application/vnd.vigil.cid";

    private final EnrolledBenchSites sites = new EnrolledBenchSites();
    private final Map<UUID, BenchStamp> stamps = new ConcurrentHashMap<>();

    @Override
    public void prepare(BenchContext context) {
        sites.enroll(context);
    }

    @Override
    public byte[] encode(String siteId, BenchStamp stamp) {
        DeviceSigner signer = sites.signer(siteId);
        String zone = String.format("%03d", 1 + stamp.sequence() % 999);
        byte[] envelope = signer.sign(Encoding.JWS, CONTENT_TYPE,
                ("1234 18 1130 01 " + zone).getBytes(StandardCharsets.US_ASCII));
        try {
            stamps.put(EventIds.eventId(siteId, EnvelopeParser.parse(envelope).claims().messageId(), 0), stamp);
        } catch (MalformedEnvelopeException e) {
            throw new IllegalStateException("the signer wrote an envelope it cannot read", e);
        }
        return envelope;
    }

    /** The stamp of the message that became this event, or null for an event the benchmark did not send. */
    BenchStamp stampOf(UUID eventId) {
        return stamps.get(eventId);
    }
}
