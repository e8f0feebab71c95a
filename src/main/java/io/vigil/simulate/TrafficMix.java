package io.vigil.simulate;

import io.vigil.trust.Encoding;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.Claims;
import io.vigil.trust.envelope.EnvelopeParser;
import io.vigil.trust.envelope.MalformedEnvelopeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Decides what a simulated site sends next and builds the bytes: a realistic share of heartbeats,
 * sensor readings and alarms followed by their restores, plus a configurable share of bad traffic
 * spread evenly over bad signatures, replays, stale envelopes, oversize payloads and garbage.
 * Not thread-safe: one per publishing thread.
 */
public final class TrafficMix {

    static final String CID = "application/vnd.vigil.cid";
    static final String HEARTBEAT = "application/vnd.vigil.heartbeat";
    static final String SENSOR = "application/vnd.vigil.sensor+json";
    private static final SignalKind[] BAD = {SignalKind.BAD_SIGNATURE, SignalKind.REPLAY, SignalKind.STALE,
            SignalKind.OVERSIZE, SignalKind.MALFORMED};

    private final double badShare;
    private final Clock clock;
    private final SplittableRandom random;
    private long staleSent;

    public TrafficMix(double badShare, Clock clock, long seed) {
        if (badShare < 0 || badShare > 1) {
            throw new IllegalArgumentException("the bad share is a fraction between 0 and 1");
        }
        this.badShare = badShare;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
    }

    /** One message for the site: its kind and the bytes to publish. */
    public record Message(SignalKind kind, byte[] payload) {}

    public Message next(SimulatedSite site) {
        if (random.nextDouble() < badShare) {
            return bad(site, BAD[random.nextInt(BAD.length)]);
        }
        if (site.openAlarmZone() != null && random.nextInt(4) == 0) {
            String zone = site.openAlarmZone();
            site.alarmRestored();
            return good(site, SignalKind.RESTORE, CID, "1234 18 3130 01 " + zone);
        }
        int roll = random.nextInt(100);
        if (roll < 50) {
            return good(site, SignalKind.HEARTBEAT, HEARTBEAT, "");
        }
        if (roll < 90) {
            return good(site, SignalKind.SENSOR, SENSOR, String.format(
                    "{\"readings\": {\"temperature\": %.1f, \"humidity\": %d, \"battery\": %d}}",
                    18 + random.nextDouble() * 8, 30 + random.nextInt(30), 50 + random.nextInt(50)));
        }
        String zone = String.format("%03d", 1 + random.nextInt(32));
        site.alarmRaised(zone);
        return good(site, SignalKind.ALARM, CID, "1234 18 1130 01 " + zone);
    }

    private Message good(SimulatedSite site, SignalKind kind, String contentType, String body) {
        byte[] envelope = site.signer().sign(Encoding.JWS, contentType, body.getBytes(StandardCharsets.US_ASCII));
        site.remember(envelope);
        return new Message(kind, envelope);
    }

    private Message bad(SimulatedSite site, SignalKind kind) {
        DeviceSigner signer = site.signer();
        return switch (kind) {
            case BAD_SIGNATURE -> {
                byte[] envelope = signer.sign(Encoding.JWS, HEARTBEAT, new byte[0]);
                int i = envelope.length - 6;
                envelope[i] = (byte) (envelope[i] == 'A' ? 'B' : 'A');
                yield new Message(kind, envelope);
            }
            // the same bytes again would be a duplicate delivery, accepted (docs/envelope.md, "Replay"):
            // a replay is the last message's id and sequence number in other bytes
            case REPLAY -> site.lastEnvelope() == null ? bad(site, SignalKind.BAD_SIGNATURE)
                    : new Message(kind, signer.sign(Encoding.COSE, claimsOf(site.lastEnvelope())));
            // an old envelope is stale only when its sequence number cannot prove it new: far below the last one
            case STALE -> {
                if (site.lastEnvelope() == null) {
                    yield bad(site, SignalKind.BAD_SIGNATURE);
                }
                Claims last = claimsOf(site.lastEnvelope());
                Claims old = Claims.of(last.site(), last.device(), Math.max(0, last.seq() - 1_000),
                        clock.instant().minusSeconds(600), "stale-" + ++staleSent,
                        HEARTBEAT, new byte[0]);
                yield new Message(kind, signer.sign(Encoding.JWS, old));
            }
            case OVERSIZE -> {
                byte[] big = new byte[70 * 1024];
                Arrays.fill(big, (byte) 'x');
                yield new Message(kind, big);
            }
            case MALFORMED -> {
                byte[] garbage = new byte[16 + random.nextInt(200)];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = (byte) random.nextInt(256);
                }
                yield new Message(kind, garbage);
            }
            default -> throw new IllegalArgumentException("not a bad kind: " + kind);
        };
    }

    private static Claims claimsOf(byte[] envelope) {
        try {
            return EnvelopeParser.parse(envelope).claims();
        } catch (MalformedEnvelopeException e) {
            throw new IllegalStateException("the simulator's own envelope does not parse", e);
        }
    }
}
